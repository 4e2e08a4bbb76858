SELECT extract(hour FROM ts) AS h, extract(dow FROM ts) AS dow, count(*) FROM usage GROUP BY 1, 2 ORDER BY 1, 2;
