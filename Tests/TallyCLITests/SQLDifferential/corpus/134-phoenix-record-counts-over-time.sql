-- Source: Arize-ai/phoenix src/phoenix/server/api/types/Project.py (span count time series)
-- Computes: spans per hour bucket over one day
-- Translated: spans -> usage rows, trace -> run_id, project -> project_id, span kind -> step_type,
--   latency_ms -> duration_ms, llm.token_count.* -> quantity per unit, cost -> cost_usd, start_time
--   -> ts
SELECT date_trunc('hour', ts) AS timestamp, count(*) AS value
FROM usage
WHERE ts >= TIMESTAMP '2026-10-01' AND ts < TIMESTAMP '2026-10-02'
GROUP BY 1
ORDER BY 1
