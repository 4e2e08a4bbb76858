-- Source: openlit/openlit src/client/src/lib/platform/llm/request.ts (getAverageRequestDuration with previous period)
-- Computes: average duration in this period and in the previous one
-- Translated: spans -> usage rows, gen_ai.request.model -> model_id, gen_ai.system -> service,
--   application_name -> project_id, environment -> capture_source, Duration -> duration_ms,
--   gen_ai.usage.cost -> cost_usd, Timestamp -> ts
WITH cur AS (SELECT avg(duration_ms) AS average_duration FROM usage WHERE ts >= TIMESTAMP '2026-10-16' AND ts < TIMESTAMP '2026-11-01'),
prev AS (SELECT avg(duration_ms) AS previous_average_duration FROM usage WHERE ts >= TIMESTAMP '2026-10-01' AND ts < TIMESTAMP '2026-10-16')
SELECT average_duration, previous_average_duration FROM cur, prev
