SELECT make_date(year(ts), month(ts), 1) AS m, count(*) FROM usage GROUP BY 1 ORDER BY 1;
