SELECT date_trunc('month', ts) AS month, sum(cost_usd) AS cost, count(*) FROM usage GROUP BY month ORDER BY month;
