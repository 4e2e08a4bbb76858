SELECT date_trunc('hour', ts) AS h, count(*) FROM usage WHERE date = DATE '2025-04-13' GROUP BY h ORDER BY h;
