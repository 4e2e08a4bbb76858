-- Source: openlit/openlit src/client/src/lib/platform/llm/token.ts (getAverageTokensPerRequest)
-- Computes: average total tokens per request
-- Translated: spans -> usage rows, gen_ai.request.model -> model_id, gen_ai.system -> service,
--   application_name -> project_id, environment -> capture_source, Duration -> duration_ms,
--   gen_ai.usage.cost -> cost_usd, Timestamp -> ts
SELECT avg(tokens) AS total_tokens
FROM (SELECT run_id, sum(quantity) AS tokens FROM usage WHERE unit LIKE '%_tokens' AND run_id IS NOT NULL GROUP BY run_id)
