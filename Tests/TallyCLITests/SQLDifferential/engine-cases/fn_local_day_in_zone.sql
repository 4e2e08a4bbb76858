SELECT date_trunc('day', timezone('America/New_York', timezone('UTC', ts))) AS local_day, count(*) FROM usage WHERE date BETWEEN '2025-03-07' AND '2025-03-11' GROUP BY 1 ORDER BY 1;
