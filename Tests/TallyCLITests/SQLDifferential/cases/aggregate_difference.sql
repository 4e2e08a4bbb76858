SELECT service, sum(cost_usd) - min(cost_usd) AS spread FROM usage GROUP BY service ORDER BY service;
