-- Source: duckdb.org docs sql/functions/aggregates#array_agg
-- Computes: per user, the distinct services used
-- Translated: usage table columns as they are
SELECT user_id, array_agg(DISTINCT service ORDER BY service) AS services
FROM usage
GROUP BY user_id
ORDER BY user_id NULLS LAST
