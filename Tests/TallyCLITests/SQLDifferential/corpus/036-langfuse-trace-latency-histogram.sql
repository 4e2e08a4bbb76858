-- Source: langfuse/langfuse web/src/features/dashboard/components/LatencyChart.tsx (histogram of trace latencies)
-- Computes: trace latencies in 10 equal-width buckets between the smallest and largest
-- Translated: observations -> usage rows, trace -> run_id, session -> issue_session_id, user ->
--   user_id, name -> step_type, model -> model_id, latency -> duration_ms,
--   usage_details/cost_details keys -> unit, start_time -> ts, environment -> project_id
WITH lat AS (
  SELECT run_id, date_diff('millisecond', min(ts), max(ts)) + max(duration_ms) AS latency
  FROM usage WHERE run_id IS NOT NULL AND duration_ms IS NOT NULL GROUP BY run_id
), bounds AS (SELECT min(latency) AS lo, max(latency) AS hi FROM lat)
SELECT least(floor((latency - lo) * 10.0 / nullif(hi - lo, 0)), 9) AS bucket, count(*) AS traces
FROM lat, bounds
GROUP BY bucket
ORDER BY bucket
