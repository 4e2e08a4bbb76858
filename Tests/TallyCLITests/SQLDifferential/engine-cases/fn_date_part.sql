SELECT date_part('year', ts) AS y, date_part('quarter', ts) AS q, date_part('doy', date) AS doy, count(*) FROM usage GROUP BY 1, 2, 3 ORDER BY 1, 2, 3 LIMIT 20;
