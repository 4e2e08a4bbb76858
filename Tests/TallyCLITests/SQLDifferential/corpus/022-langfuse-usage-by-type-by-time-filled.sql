-- Source: langfuse/langfuse packages/shared/src/server/repositories/dashboards.ts (getObservationUsageByTypeByTime, orderByTimeSeries WITH FILL)
-- Computes: usage per unit per day with every day of the range present (ClickHouse WITH FILL as a generated day series)
-- Translated: observations -> usage rows, trace -> run_id, session -> issue_session_id, user ->
--   user_id, name -> step_type, model -> model_id, latency -> duration_ms,
--   usage_details/cost_details keys -> unit, start_time -> ts, environment -> project_id, WITH FILL
--   ... STEP -> generate_series LEFT JOIN
WITH buckets AS (
  SELECT * FROM generate_series((SELECT min(date) FROM usage), (SELECT max(date) FROM usage), INTERVAL '1 day') AS t(start_time)
), sums AS (
  SELECT date AS start_time, unit AS usage_key, sum(quantity) AS usage_sum
  FROM usage WHERE unit LIKE '%_tokens'
  GROUP BY ALL
)
SELECT b.start_time, s.usage_key, coalesce(s.usage_sum, 0) AS usage_sum
FROM buckets b LEFT JOIN sums s ON s.start_time = b.start_time
ORDER BY b.start_time, s.usage_key NULLS FIRST
