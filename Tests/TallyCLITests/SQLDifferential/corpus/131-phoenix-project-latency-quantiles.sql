-- Source: Arize-ai/phoenix src/phoenix/server/api/dataloaders/latency_ms_quantile.py
-- Computes: p50 and p99 latency of root spans per project
-- Translated: spans -> usage rows, trace -> run_id, project -> project_id, span kind -> step_type,
--   latency_ms -> duration_ms, llm.token_count.* -> quantity per unit, cost -> cost_usd, start_time
--   -> ts
SELECT project_id, quantile_cont(duration_ms, 0.5) AS p50, quantile_cont(duration_ms, 0.99) AS p99
FROM usage
WHERE duration_ms IS NOT NULL
GROUP BY project_id
ORDER BY project_id
