-- Source: Arize-ai/phoenix src/phoenix/server/api/types/ProjectSession.py (session token usage and trace count)
-- Computes: per session: traces, first input time, last output time, tokens
-- Translated: spans -> usage rows, trace -> run_id, project -> project_id, span kind -> step_type,
--   latency_ms -> duration_ms, llm.token_count.* -> quantity per unit, cost -> cost_usd, start_time
--   -> ts
SELECT issue_session_id AS session_id, count(DISTINCT run_id) AS num_traces,
       min(ts) AS start_time, max(ts) AS end_time, sum(quantity) FILTER (WHERE unit LIKE '%_tokens') AS tokens
FROM usage
WHERE issue_session_id IS NOT NULL
GROUP BY issue_session_id
ORDER BY start_time, session_id
