-- Source: lunary-ai/lunary packages/backend/src/api/v1/analytics/index.ts (/analytics/costs, weekly)
-- Computes: cost per 7-day window and model, windows from a date series, joined on a range condition
-- Translated: run -> usage rows, cost -> cost_usd, prompt/completion tokens ->
--   input_tokens/output_tokens quantity, name -> model_id, external_user_id -> user_id, created_at
--   -> ts, project -> project_id, error -> duration_ms > 30000
WITH dates AS (SELECT * FROM generate_series(TIMESTAMP '2026-10-01', TIMESTAMP '2026-10-31', INTERVAL '7 days') t(date)),
filtered_runs AS (SELECT *, date_trunc('day', ts) AS local_created_at FROM usage WHERE project_id = 'lattice-payments'),
weekly_costs AS (
  SELECT d.date, coalesce(CAST(sum(r.cost_usd) AS DOUBLE), 0) AS costs, r.model_id AS name
  FROM dates d LEFT JOIN filtered_runs r ON r.local_created_at >= d.date AND r.local_created_at < d.date + INTERVAL '7 days'
  GROUP BY d.date, r.model_id
)
SELECT date, costs AS value, name FROM weekly_costs ORDER BY date, name NULLS FIRST
