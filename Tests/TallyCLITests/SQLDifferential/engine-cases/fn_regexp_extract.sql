SELECT regexp_extract(model_id, '([0-9]+)-([0-9]+)', 1) AS major, count(*) FROM usage GROUP BY 1 ORDER BY 1 NULLS FIRST;
