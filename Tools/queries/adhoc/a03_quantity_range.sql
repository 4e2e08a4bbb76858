-- A range on quantity.
SELECT count(*) AS n, sum(cost_usd) AS cost FROM usage WHERE quantity BETWEEN 1000 AND 50000;
