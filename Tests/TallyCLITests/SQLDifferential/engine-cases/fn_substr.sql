SELECT substr(model_id, 1, 6) AS p, count(*) FROM usage GROUP BY 1 ORDER BY 1 NULLS FIRST;
