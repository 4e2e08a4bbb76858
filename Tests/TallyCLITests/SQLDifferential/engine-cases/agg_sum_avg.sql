SELECT service, sum(quantity) AS q, avg(quantity) AS aq, sum(cost_usd) AS c, avg(cost_usd) AS ac, avg(duration_ms) AS ad FROM usage GROUP BY 1 ORDER BY 1;
