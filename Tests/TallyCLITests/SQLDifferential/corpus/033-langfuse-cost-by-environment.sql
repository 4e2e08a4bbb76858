-- Source: langfuse/langfuse packages/shared/src/server/repositories/environments.ts (environment filter on dashboards)
-- Computes: cost and observation count per environment
-- Translated: observations -> usage rows, trace -> run_id, session -> issue_session_id, user ->
--   user_id, name -> step_type, model -> model_id, latency -> duration_ms,
--   usage_details/cost_details keys -> unit, start_time -> ts, environment -> project_id
SELECT project_id AS environment, count(*) AS observations, sum(cost_usd) AS total_cost
FROM usage
GROUP BY project_id
ORDER BY environment
