-- Source: langfuse/langfuse packages/shared/src/server/repositories/traces.ts (getUserMetrics)
-- Computes: per user: first and last event, trace and observation counts, tokens and cost
-- Translated: observations -> usage rows, trace -> run_id, session -> issue_session_id, user ->
--   user_id, name -> step_type, model -> model_id, latency -> duration_ms,
--   usage_details/cost_details keys -> unit, start_time -> ts, environment -> project_id
SELECT user_id, min(ts) AS min_timestamp, max(ts) AS max_timestamp, count(DISTINCT run_id) AS trace_count,
       count(*) AS observation_count,
       sum(quantity) FILTER (WHERE unit = 'input_tokens') AS input_usage,
       sum(quantity) FILTER (WHERE unit = 'output_tokens') AS output_usage,
       sum(cost_usd) AS total_cost
FROM usage
WHERE user_id IS NOT NULL
GROUP BY user_id
ORDER BY user_id
