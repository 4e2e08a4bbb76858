-- min max of a run
SELECT run_id, min(ts) AS first, max(ts) AS last, sum(cost_usd) AS c FROM usage GROUP BY run_id ORDER BY c DESC, run_id LIMIT 10;
