SELECT split_part(model_id, '-', 1) AS family, split_part(model_id, '/', 2) AS routed, count(*) FROM usage GROUP BY 1, 2 ORDER BY 1 NULLS FIRST, 2 NULLS FIRST;
