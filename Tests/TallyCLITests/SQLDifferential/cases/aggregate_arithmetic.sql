SELECT service, sum(cost_usd) / count(*) AS per_row, sum(quantity) * 2 AS double_q FROM usage GROUP BY service ORDER BY service;
