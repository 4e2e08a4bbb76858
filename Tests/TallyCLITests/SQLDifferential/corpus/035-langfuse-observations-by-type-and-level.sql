-- Source: langfuse/langfuse packages/shared/src/server/repositories/observations.ts (getObservationsGroupedByName)
-- Computes: observation counts per name and model, only names with more than 10
-- Translated: observations -> usage rows, trace -> run_id, session -> issue_session_id, user ->
--   user_id, name -> step_type, model -> model_id, latency -> duration_ms,
--   usage_details/cost_details keys -> unit, start_time -> ts, environment -> project_id
SELECT step_type AS name, model_id AS model, count(*) AS count
FROM usage
GROUP BY step_type, model_id
HAVING count(*) > 10
ORDER BY count DESC, name NULLS LAST, model NULLS LAST
