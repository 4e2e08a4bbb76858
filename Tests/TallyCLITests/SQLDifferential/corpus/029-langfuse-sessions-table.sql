-- Source: langfuse/langfuse packages/shared/src/server/repositories/sessions.ts (getSessionsTable)
-- Computes: per session: first and last event, duration, traces, the session's users as a list, cost
-- Translated: observations -> usage rows, trace -> run_id, session -> issue_session_id, user ->
--   user_id, name -> step_type, model -> model_id, latency -> duration_ms,
--   usage_details/cost_details keys -> unit, start_time -> ts, environment -> project_id,
--   groupUniqArray(user_id) -> list(DISTINCT user_id ORDER BY user_id)
SELECT issue_session_id AS session_id, min(ts) AS min_timestamp, max(ts) AS max_timestamp,
       date_diff('second', min(ts), max(ts)) AS duration,
       count(DISTINCT run_id) AS trace_count,
       list(DISTINCT user_id ORDER BY user_id) AS user_ids,
       sum(cost_usd) AS session_total_cost
FROM usage
WHERE issue_session_id IS NOT NULL
GROUP BY issue_session_id
ORDER BY min_timestamp DESC, session_id
LIMIT 50
