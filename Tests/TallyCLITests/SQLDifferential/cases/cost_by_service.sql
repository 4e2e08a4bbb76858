SELECT service, count(*) AS n, sum(cost_usd) AS cost FROM usage GROUP BY service ORDER BY service;
