SELECT date_trunc('day', ts) AS k, count(*) FROM usage WHERE date BETWEEN '2025-04-01' AND '2025-04-30' GROUP BY 1 ORDER BY 1;
