-- daily series
SELECT date_trunc('day', ts) AS d, count(*) AS n, sum(cost_usd) AS c FROM usage GROUP BY 1 ORDER BY 1;
