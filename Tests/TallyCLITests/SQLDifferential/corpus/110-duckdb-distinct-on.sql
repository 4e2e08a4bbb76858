-- Source: duckdb.org docs sql/query_syntax/select#distinct-on-clause
-- Computes: the latest row per user with DISTINCT ON
-- Translated: usage table columns as they are
SELECT DISTINCT ON (user_id) user_id, ts, service
FROM usage
ORDER BY user_id, ts DESC, service
