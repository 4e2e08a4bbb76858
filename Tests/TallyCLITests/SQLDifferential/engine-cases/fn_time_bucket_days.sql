SELECT time_bucket(INTERVAL '7 days', date) AS b, count(*) FROM usage WHERE date BETWEEN '2025-03-01' AND '2025-04-30' GROUP BY 1 ORDER BY 1;
