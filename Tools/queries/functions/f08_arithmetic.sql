-- arithmetic
SELECT service, sum(quantity * 2) AS q, avg(cost_usd) AS c FROM usage WHERE step_index < 3 GROUP BY 1;
