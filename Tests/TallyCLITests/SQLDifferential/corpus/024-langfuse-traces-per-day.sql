-- Source: langfuse/langfuse web/src/features/dashboard/components/TracesTimeSeriesChart.tsx (traces over time)
-- Computes: distinct traces per day
-- Translated: observations -> usage rows, trace -> run_id, session -> issue_session_id, user ->
--   user_id, name -> step_type, model -> model_id, latency -> duration_ms,
--   usage_details/cost_details keys -> unit, start_time -> ts, environment -> project_id
SELECT date_trunc('day', ts) AS day, count(DISTINCT run_id) AS traces
FROM usage
GROUP BY 1
ORDER BY 1
