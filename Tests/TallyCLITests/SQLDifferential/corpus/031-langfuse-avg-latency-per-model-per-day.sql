-- Source: langfuse/langfuse web/src/features/dashboard/components/GenerationLatencyChart.tsx
-- Computes: average latency per model per day
-- Translated: observations -> usage rows, trace -> run_id, session -> issue_session_id, user ->
--   user_id, name -> step_type, model -> model_id, latency -> duration_ms,
--   usage_details/cost_details keys -> unit, start_time -> ts, environment -> project_id
SELECT date_trunc('day', ts) AS start_time, model_id AS model, avg(duration_ms) AS avg_latency
FROM usage
WHERE duration_ms IS NOT NULL
GROUP BY ALL
ORDER BY start_time, model NULLS LAST
