-- Source: Arize-ai/phoenix src/phoenix/server/api/types/Trace.py (spans of a trace by latency)
-- Computes: per trace, its slowest step and the rank of every step, via a window over a join
-- Translated: spans -> usage rows, trace -> run_id, project -> project_id, span kind -> step_type,
--   latency_ms -> duration_ms, llm.token_count.* -> quantity per unit, cost -> cost_usd, start_time
--   -> ts
WITH steps AS (SELECT run_id, step_type, max(duration_ms) AS latency FROM usage WHERE run_id IS NOT NULL AND duration_ms IS NOT NULL GROUP BY run_id, step_type)
SELECT run_id, step_type, latency, rank() OVER (PARTITION BY run_id ORDER BY latency DESC) AS rnk
FROM steps
QUALIFY rnk = 1
ORDER BY latency DESC, run_id, step_type NULLS LAST
LIMIT 25
