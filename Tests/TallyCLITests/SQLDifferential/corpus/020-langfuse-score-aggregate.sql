-- Source: langfuse/langfuse packages/shared/src/server/repositories/dashboards.ts (getScoreAggregate)
-- Computes: count and average per name, source and data type, most frequent first
-- Translated: observations -> usage rows, trace -> run_id, session -> issue_session_id, user ->
--   user_id, name -> step_type, model -> model_id, latency -> duration_ms,
--   usage_details/cost_details keys -> unit, start_time -> ts, environment -> project_id, scores ->
--   usage rows, value -> duration_ms
SELECT step_type AS name, count(*) AS count, avg(duration_ms) AS avg_value, capture_source AS source, tool_id AS data_type
FROM usage
WHERE project_id = 'lattice-payments'
GROUP BY step_type, capture_source, tool_id
ORDER BY count(*) DESC, name NULLS LAST, source NULLS LAST, data_type NULLS LAST
