SELECT time_bucket(INTERVAL '6 hours', ts) AS b, count(*) FROM usage WHERE date = '2025-04-13' GROUP BY 1 ORDER BY 1;
