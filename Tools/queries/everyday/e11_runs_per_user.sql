-- Distinct runs per user.
SELECT user_id, count(DISTINCT run_id) AS runs, sum(cost_usd) AS c FROM usage GROUP BY 1 ORDER BY c DESC, 1 LIMIT 20;
