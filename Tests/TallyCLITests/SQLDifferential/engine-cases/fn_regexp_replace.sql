SELECT regexp_replace(model_id, '-[0-9]{8}$', '') AS base, count(*) FROM usage GROUP BY 1 ORDER BY 1 NULLS FIRST;
