-- Source: langfuse/langfuse packages/shared/src/server/repositories/daily-metrics.ts (GET /api/public/metrics/daily)
-- Computes: per day: traces, observations, cost, and the per model usage as a list of structs
-- Translated: observations -> usage rows, trace -> run_id, session -> issue_session_id, user ->
--   user_id, name -> step_type, model -> model_id, latency -> duration_ms,
--   usage_details/cost_details keys -> unit, start_time -> ts, environment -> project_id, the per-
--   day usage array -> a correlated subquery building a list of structs
WITH per_model AS (
  SELECT date, model_id AS model,
         sum(quantity) FILTER (WHERE unit = 'input_tokens') AS inputUsage,
         sum(quantity) FILTER (WHERE unit = 'output_tokens') AS outputUsage,
         count(*) AS countObservations, sum(cost_usd) AS totalCost
  FROM usage GROUP BY ALL
)
SELECT u.date, count(DISTINCT u.run_id) AS countTraces, count(*) AS countObservations, sum(u.cost_usd) AS totalCost,
       (SELECT list({'model': m.model, 'inputUsage': m.inputUsage, 'outputUsage': m.outputUsage, 'totalCost': m.totalCost} ORDER BY m.model)
          FROM per_model m WHERE m.date = u.date) AS usage
FROM usage u
GROUP BY u.date
ORDER BY u.date DESC
LIMIT 30
