-- Source: langfuse/langfuse packages/shared/src/server/repositories/sessions.ts (sessions of a user)
-- Computes: per user: sessions in the last 180 days of the data
-- Translated: observations -> usage rows, trace -> run_id, session -> issue_session_id, user ->
--   user_id, name -> step_type, model -> model_id, latency -> duration_ms,
--   usage_details/cost_details keys -> unit, start_time -> ts, environment -> project_id
SELECT user_id, count(DISTINCT issue_session_id) AS sessions
FROM usage
WHERE ts >= (SELECT max(date) FROM usage) - INTERVAL 180 DAY AND issue_session_id IS NOT NULL
GROUP BY user_id
ORDER BY sessions DESC, user_id NULLS LAST
