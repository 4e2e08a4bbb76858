-- Source: langfuse/langfuse web/src/features/dashboard/components/TracesBarListChart.tsx (traces by name)
-- Computes: trace count per trace name and its share of all traces
-- Translated: observations -> usage rows, trace -> run_id, session -> issue_session_id, user ->
--   user_id, name -> step_type, model -> model_id, latency -> duration_ms,
--   usage_details/cost_details keys -> unit, start_time -> ts, environment -> project_id
SELECT step_type AS name, count(DISTINCT run_id) AS count,
       count(DISTINCT run_id) * 100.0 / sum(count(DISTINCT run_id)) OVER () AS pct
FROM usage
GROUP BY step_type
ORDER BY count DESC, name NULLS LAST
