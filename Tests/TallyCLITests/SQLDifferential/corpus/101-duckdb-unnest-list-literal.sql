-- Source: duckdb.org docs sql/query_syntax/unnest
-- Computes: rows for a fixed list of units with each unit's row count
-- Translated: usage table columns as they are
WITH units AS (SELECT unnest(['input_tokens', 'output_tokens', 'sandbox_seconds']) AS unit)
SELECT units.unit, count(u.unit) AS rows
FROM units LEFT JOIN usage u ON u.unit = units.unit
GROUP BY units.unit
ORDER BY units.unit
