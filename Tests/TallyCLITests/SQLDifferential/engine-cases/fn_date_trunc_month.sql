SELECT date_trunc('month', date) AS k, count(*) FROM usage GROUP BY 1 ORDER BY 1;
