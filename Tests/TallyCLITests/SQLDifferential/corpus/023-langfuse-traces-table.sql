-- Source: langfuse/langfuse performance-queries/01-traces-all-current.sql (getTracesTable)
-- Computes: per trace: cost, latency and observation count from a stats CTE joined to the traces
-- Translated: observations -> usage rows, trace -> run_id, session -> issue_session_id, user ->
--   user_id, name -> step_type, model -> model_id, latency -> duration_ms,
--   usage_details/cost_details keys -> unit, start_time -> ts, environment -> project_id
WITH observation_stats AS (
  SELECT run_id, project_id, sum(cost_usd) AS total_cost,
         date_diff('millisecond', min(ts), max(ts)) AS latency_milliseconds,
         count(*) AS observation_count
  FROM usage
  WHERE project_id = 'lattice-payments' AND run_id IS NOT NULL
  GROUP BY project_id, run_id
), traces AS (
  SELECT run_id AS id, project_id, min(ts) AS timestamp, any_value(user_id) AS user_id
  FROM usage WHERE run_id IS NOT NULL GROUP BY run_id, project_id
)
SELECT t.id, t.timestamp, coalesce(o.latency_milliseconds / 1000, 0) AS latency,
       coalesce(o.total_cost, 0) AS totalCost, coalesce(o.observation_count, 0) AS observationCount
FROM traces t
LEFT JOIN observation_stats o ON t.id = o.run_id AND t.project_id = o.project_id
WHERE t.project_id = 'lattice-payments'
ORDER BY CAST(t.timestamp AS DATE) DESC, t.timestamp DESC, t.id
LIMIT 50 OFFSET 0
