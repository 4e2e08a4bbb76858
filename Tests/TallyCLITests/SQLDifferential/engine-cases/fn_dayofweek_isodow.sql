SELECT dayofweek(ts) AS dw, isodow(ts) AS iso, dayname(ts) AS name, count(*) FROM usage GROUP BY 1, 2, 3 ORDER BY 1;
