SELECT length(model_id) AS n, count(*) FROM usage GROUP BY 1 ORDER BY 1 NULLS FIRST;
