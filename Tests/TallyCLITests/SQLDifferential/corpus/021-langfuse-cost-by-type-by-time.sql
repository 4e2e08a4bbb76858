-- Source: langfuse/langfuse packages/shared/src/server/repositories/dashboards.ts (getObservationCostByTypeByTime)
-- Computes: cost per cost key per time bucket, gathered into one list per bucket (groupArray of tuples)
-- Translated: observations -> usage rows, trace -> run_id, session -> issue_session_id, user ->
--   user_id, name -> step_type, model -> model_id, latency -> duration_ms,
--   usage_details/cost_details keys -> unit, start_time -> ts, environment -> project_id,
--   toStartOfInterval -> time_bucket, ARRAY JOIN of cost_details -> unit, groupArray((k, v)) ->
--   list((k, v))
SELECT start_time, list((cost_key, cost_sum) ORDER BY cost_key) AS costs
FROM (
  SELECT time_bucket(INTERVAL '1 day', ts) AS start_time, unit AS cost_key, sum(cost_usd) AS cost_sum
  FROM usage
  GROUP BY start_time, cost_key
)
GROUP BY start_time
ORDER BY start_time
