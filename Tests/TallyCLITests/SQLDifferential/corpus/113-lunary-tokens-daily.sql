-- Source: lunary-ai/lunary packages/backend/src/api/v1/analytics/index.ts (/analytics/tokens, daily, datesQuery from utils.ts)
-- Computes: tokens per day and model with every day of the range present
-- Translated: run -> usage rows, cost -> cost_usd, prompt/completion tokens ->
--   input_tokens/output_tokens quantity, name -> model_id, external_user_id -> user_id, created_at
--   -> ts, project -> project_id, error -> duration_ms > 30000
WITH dates AS (SELECT * FROM generate_series(TIMESTAMP '2026-10-01', TIMESTAMP '2026-10-31', INTERVAL '1 day') t(date)),
filtered_runs AS (SELECT *, date_trunc('day', ts) AS local_created_at FROM usage WHERE project_id = 'lattice-payments')
SELECT d.date, coalesce(CAST(sum(r.quantity) FILTER (WHERE r.unit IN ('input_tokens', 'output_tokens')) AS BIGINT), 0) AS value, r.model_id AS name
FROM dates d LEFT JOIN filtered_runs r ON d.date = r.local_created_at
GROUP BY d.date, r.model_id
ORDER BY d.date, name NULLS FIRST
