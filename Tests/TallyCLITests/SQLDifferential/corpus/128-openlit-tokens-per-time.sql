-- Source: openlit/openlit src/client/src/lib/platform/llm/token.ts (getTokensPerTime)
-- Computes: prompt and completion tokens per day
-- Translated: spans -> usage rows, gen_ai.request.model -> model_id, gen_ai.system -> service,
--   application_name -> project_id, environment -> capture_source, Duration -> duration_ms,
--   gen_ai.usage.cost -> cost_usd, Timestamp -> ts
SELECT date_trunc('day', ts) AS request_time,
       sum(quantity) FILTER (WHERE unit = 'input_tokens') AS prompt_tokens,
       sum(quantity) FILTER (WHERE unit = 'output_tokens') AS completion_tokens
FROM usage
GROUP BY request_time
ORDER BY request_time
