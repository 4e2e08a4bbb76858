-- Source: lunary-ai/lunary packages/backend/src/api/v1/analytics/index.ts (/analytics/users/active, daily with DISTINCT ON (user, day))
-- Computes: active users per day: one row per user and day (DISTINCT ON), counted per day of a date series
-- Translated: run -> usage rows, cost -> cost_usd, prompt/completion tokens ->
--   input_tokens/output_tokens quantity, name -> model_id, external_user_id -> user_id, created_at
--   -> ts, project -> project_id, error -> duration_ms > 30000
WITH dates AS (SELECT * FROM generate_series(TIMESTAMP '2026-10-01', TIMESTAMP '2026-10-31', INTERVAL '1 day') t(date)),
filtered_runs AS (
  SELECT DISTINCT ON (user_id, date_trunc('day', ts)) *, date_trunc('day', ts) AS local_created_at
  FROM usage WHERE project_id = 'lattice-payments' AND user_id IS NOT NULL
)
SELECT d.date, coalesce(CAST(count(DISTINCT r.user_id) AS INTEGER), 0) AS value
FROM dates d LEFT JOIN filtered_runs r ON d.date = r.local_created_at
GROUP BY d.date
ORDER BY d.date
