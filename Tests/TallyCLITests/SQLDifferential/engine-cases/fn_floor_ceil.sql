SELECT floor(quantity / 1000) AS f, ceil(quantity / 1000) AS c, count(*) FROM usage GROUP BY 1, 2 ORDER BY 1, 2 LIMIT 20;
