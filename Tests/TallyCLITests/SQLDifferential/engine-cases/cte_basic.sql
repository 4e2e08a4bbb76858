WITH per_service AS (SELECT service, sum(cost_usd) AS cost, count(*) AS n FROM usage GROUP BY service) SELECT service, cost, n FROM per_service ORDER BY service;
