SELECT t.service, t.cost FROM (SELECT service, sum(cost_usd) AS cost FROM usage GROUP BY service) t WHERE t.cost > 0 ORDER BY t.cost DESC;
