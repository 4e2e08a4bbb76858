SELECT date_trunc('year', ts) AS k, count(*) FROM usage GROUP BY 1 ORDER BY 1;
