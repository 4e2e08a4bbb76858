SELECT date_trunc('second', ts) AS k, count(*) FROM usage WHERE date = '2025-04-13' GROUP BY 1 ORDER BY 1;
