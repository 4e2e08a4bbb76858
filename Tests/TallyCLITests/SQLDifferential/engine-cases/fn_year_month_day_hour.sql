SELECT year(ts) AS y, month(ts) AS m, day(date) AS d, hour(ts) AS h, minute(ts) AS mi, second(ts) AS s FROM usage ORDER BY ts, y, m, d, h, mi, s LIMIT 10;
