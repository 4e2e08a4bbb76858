SELECT service, sum(quantity * 2 + 1) AS a, sum(cost_usd * 3 - 0.5) AS b, avg(quantity / 4) AS c FROM usage GROUP BY service ORDER BY service;
