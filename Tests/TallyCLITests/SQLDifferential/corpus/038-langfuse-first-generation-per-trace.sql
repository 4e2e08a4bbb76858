-- Source: langfuse/langfuse packages/shared/src/server/repositories/observations.ts (first observation of each trace)
-- Computes: the first observation of each trace, by start time
-- Translated: observations -> usage rows, trace -> run_id, session -> issue_session_id, user ->
--   user_id, name -> step_type, model -> model_id, latency -> duration_ms,
--   usage_details/cost_details keys -> unit, start_time -> ts, environment -> project_id
SELECT run_id AS trace_id, ts AS start_time, model_id, unit, quantity
FROM usage
WHERE run_id IS NOT NULL
QUALIFY row_number() OVER (PARTITION BY run_id ORDER BY ts, unit, quantity, cost_usd) = 1
ORDER BY trace_id
LIMIT 100
