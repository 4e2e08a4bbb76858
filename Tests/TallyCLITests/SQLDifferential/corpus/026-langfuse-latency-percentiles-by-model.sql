-- Source: langfuse/langfuse web/src/features/dashboard/components/LatencyTables.tsx (generation latencies, quantiles)
-- Computes: p50, p90, p95, p99 of latency per model, slowest p95 first
-- Translated: observations -> usage rows, trace -> run_id, session -> issue_session_id, user ->
--   user_id, name -> step_type, model -> model_id, latency -> duration_ms,
--   usage_details/cost_details keys -> unit, start_time -> ts, environment -> project_id,
--   quantiles(0.5, 0.9, 0.95, 0.99) -> four quantile_cont calls
SELECT model_id AS model,
       quantile_cont(duration_ms, 0.5) AS p50, quantile_cont(duration_ms, 0.9) AS p90,
       quantile_cont(duration_ms, 0.95) AS p95, quantile_cont(duration_ms, 0.99) AS p99
FROM usage
WHERE duration_ms IS NOT NULL
GROUP BY model_id
ORDER BY p95 DESC, model NULLS LAST
