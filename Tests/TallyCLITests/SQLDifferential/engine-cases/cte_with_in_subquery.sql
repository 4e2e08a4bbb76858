WITH big AS (SELECT run_id FROM usage WHERE run_id IS NOT NULL GROUP BY run_id HAVING sum(cost_usd) > 0.5) SELECT count(*), sum(cost_usd) FROM usage WHERE run_id IN (SELECT run_id FROM big);
