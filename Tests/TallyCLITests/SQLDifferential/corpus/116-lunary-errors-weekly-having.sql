-- Source: lunary-ai/lunary packages/backend/src/api/v1/analytics/index.ts (/analytics/errors, weekly, HAVING count != 0)
-- Computes: errors per 7-day window, windows without errors left out
-- Translated: run -> usage rows, cost -> cost_usd, prompt/completion tokens ->
--   input_tokens/output_tokens quantity, name -> model_id, external_user_id -> user_id, created_at
--   -> ts, project -> project_id, error -> duration_ms > 30000
WITH dates AS (SELECT * FROM generate_series(TIMESTAMP '2026-10-01', TIMESTAMP '2026-10-31', INTERVAL '7 days') t(date)),
filtered_runs AS (SELECT *, date_trunc('day', ts) AS local_created_at FROM usage WHERE project_id = 'lattice-payments')
SELECT d.date, coalesce(CAST(count(r.ts) AS INTEGER), 0) AS errors
FROM dates d LEFT JOIN filtered_runs r ON r.local_created_at >= d.date AND r.local_created_at < d.date + INTERVAL '7 days' AND r.duration_ms > 30000
GROUP BY d.date
HAVING coalesce(CAST(count(r.ts) AS INTEGER), 0) != 0
ORDER BY d.date
