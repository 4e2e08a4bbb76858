-- two keys top
SELECT project_id, run_id, sum(cost_usd) AS c FROM usage GROUP BY 1, 2 ORDER BY c DESC, 1, 2 LIMIT 10;
