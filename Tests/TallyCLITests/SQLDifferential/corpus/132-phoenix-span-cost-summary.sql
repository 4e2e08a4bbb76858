-- Source: Arize-ai/phoenix src/phoenix/server/api/dataloaders/span_cost_summary_by_project.py
-- Computes: per project prompt, completion and total cost
-- Translated: spans -> usage rows, trace -> run_id, project -> project_id, span kind -> step_type,
--   latency_ms -> duration_ms, llm.token_count.* -> quantity per unit, cost -> cost_usd, start_time
--   -> ts
SELECT project_id,
       sum(cost_usd) FILTER (WHERE unit = 'input_tokens') AS prompt_cost,
       sum(cost_usd) FILTER (WHERE unit = 'output_tokens') AS completion_cost,
       sum(cost_usd) AS total_cost
FROM usage
GROUP BY project_id
ORDER BY project_id
