-- An expression as the key: hour of day.
SELECT extract(hour FROM ts) AS h, count(*) AS n, sum(cost_usd) AS cost FROM usage GROUP BY 1;
