-- Source: https://duckdb.org/docs/sql/query_syntax/setops (UNION ALL of two summaries)
-- Computes: llm and sandbox spend summaries stacked
-- Translated: the blog's events table -> usage rows, user -> user_id, event time -> ts
SELECT 'llm' AS kind, sum(cost_usd) AS cost FROM usage WHERE unit LIKE '%_tokens'
UNION ALL
SELECT 'sandbox' AS kind, sum(cost_usd) AS cost FROM usage WHERE unit = 'sandbox_seconds'
ORDER BY kind
