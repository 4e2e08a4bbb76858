SELECT service, sum(cost_usd) / (SELECT sum(cost_usd) FROM usage) AS share FROM usage GROUP BY service ORDER BY service;
