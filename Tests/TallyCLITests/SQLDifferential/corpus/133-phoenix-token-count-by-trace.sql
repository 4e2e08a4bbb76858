-- Source: Arize-ai/phoenix src/phoenix/server/api/dataloaders/token_counts.py
-- Computes: prompt and completion tokens per trace for the 20 biggest traces
-- Translated: spans -> usage rows, trace -> run_id, project -> project_id, span kind -> step_type,
--   latency_ms -> duration_ms, llm.token_count.* -> quantity per unit, cost -> cost_usd, start_time
--   -> ts
SELECT run_id AS trace_id,
       coalesce(sum(quantity) FILTER (WHERE unit = 'input_tokens'), 0) AS prompt,
       coalesce(sum(quantity) FILTER (WHERE unit = 'output_tokens'), 0) AS completion,
       coalesce(sum(quantity) FILTER (WHERE unit = 'input_tokens'), 0) + coalesce(sum(quantity) FILTER (WHERE unit = 'output_tokens'), 0) AS total
FROM usage
WHERE run_id IS NOT NULL
GROUP BY run_id
ORDER BY total DESC, trace_id
LIMIT 20
