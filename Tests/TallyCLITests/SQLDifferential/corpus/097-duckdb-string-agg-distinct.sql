-- Source: duckdb.org docs sql/functions/aggregates#string_agg
-- Computes: per project, its services joined with commas
-- Translated: usage table columns as they are
SELECT project_id, string_agg(DISTINCT service, ',' ORDER BY service) AS services
FROM usage
GROUP BY project_id
ORDER BY project_id
