SELECT service, sum(cost_usd) AS cost FROM usage GROUP BY service HAVING sum(cost_usd) > 1 ORDER BY cost DESC;
