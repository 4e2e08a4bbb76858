-- Source: langfuse/langfuse web/src/features/dashboard/components/ModelUsageChart.tsx (model usage and cost)
-- Computes: input, output and total tokens and cost per model and day
-- Translated: observations -> usage rows, trace -> run_id, session -> issue_session_id, user ->
--   user_id, name -> step_type, model -> model_id, latency -> duration_ms,
--   usage_details/cost_details keys -> unit, start_time -> ts, environment -> project_id
SELECT date, model_id AS model,
       sum(quantity) FILTER (WHERE unit = 'input_tokens') AS input_usage,
       sum(quantity) FILTER (WHERE unit = 'output_tokens') AS output_usage,
       sum(quantity) FILTER (WHERE unit LIKE '%_tokens') AS total_usage,
       sum(cost_usd) AS total_cost
FROM usage
WHERE model_id IS NOT NULL
GROUP BY date, model_id
ORDER BY date, model
