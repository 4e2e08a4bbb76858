-- Source: langfuse/langfuse packages/shared/src/server/repositories/observations.ts (latency quantiles as an array)
-- Computes: the latency quantiles of each trace name as one list, as ClickHouse's quantiles() returns them
-- Translated: observations -> usage rows, trace -> run_id, session -> issue_session_id, user ->
--   user_id, name -> step_type, model -> model_id, latency -> duration_ms,
--   usage_details/cost_details keys -> unit, start_time -> ts, environment -> project_id
SELECT step_type AS name, quantile_cont(duration_ms, [0.5, 0.9, 0.95, 0.99]) AS latencies
FROM usage
WHERE duration_ms IS NOT NULL
GROUP BY step_type
ORDER BY name NULLS LAST
