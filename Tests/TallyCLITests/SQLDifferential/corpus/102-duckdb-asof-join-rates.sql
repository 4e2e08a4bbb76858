-- Source: duckdb.org docs guides/sql_features/asof_join (ASOF JOIN with a prices table)
-- Computes: each row priced by the rate in force at its time, from a rates side table
-- Translated: usage table columns as they are
-- Differs: ASOF joins are not supported yet
WITH rates(model_id, valid_from, usd_per_mtok) AS (
  VALUES ('claude-sonnet-4-6', TIMESTAMP '2020-01-01', 3.0), ('claude-sonnet-4-6', TIMESTAMP '2026-10-15', 2.5)
)
SELECT u.model_id, sum(u.quantity * r.usd_per_mtok / 1e6) AS repriced
FROM usage u ASOF JOIN rates r ON u.model_id = r.model_id AND u.ts >= r.valid_from
WHERE u.unit = 'input_tokens'
GROUP BY u.model_id
ORDER BY u.model_id
