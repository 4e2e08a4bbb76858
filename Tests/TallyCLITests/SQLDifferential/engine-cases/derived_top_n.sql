SELECT * FROM (SELECT run_id, sum(cost_usd) AS cost FROM usage WHERE run_id IS NOT NULL GROUP BY run_id ORDER BY cost DESC, run_id LIMIT 5) ORDER BY run_id;
