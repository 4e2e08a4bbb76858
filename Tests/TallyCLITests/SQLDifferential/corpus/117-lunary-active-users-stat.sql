-- Source: lunary-ai/lunary packages/backend/src/api/v1/analytics/index.ts (/analytics/users/active, stat)
-- Computes: distinct users in a period
-- Translated: run -> usage rows, cost -> cost_usd, prompt/completion tokens ->
--   input_tokens/output_tokens quantity, name -> model_id, external_user_id -> user_id, created_at
--   -> ts, project -> project_id, error -> duration_ms > 30000
SELECT CAST(count(DISTINCT user_id) AS INTEGER) AS stat
FROM usage
WHERE project_id = 'lattice-payments' AND user_id IS NOT NULL
  AND ts >= TIMESTAMP '2026-10-01' AND ts <= TIMESTAMP '2026-10-31 23:59:59'
