-- Source: duckdb.org docs sql/query_syntax/from#lateral-joins
-- Computes: per service its two most recent rows (LATERAL)
-- Translated: usage table columns as they are
SELECT s.service, l.ts, l.cost_usd
FROM (SELECT DISTINCT service FROM usage) s,
     LATERAL (SELECT ts, cost_usd FROM usage u WHERE u.service = s.service ORDER BY ts DESC, cost_usd DESC LIMIT 2) l
ORDER BY s.service, l.ts DESC, l.cost_usd DESC
