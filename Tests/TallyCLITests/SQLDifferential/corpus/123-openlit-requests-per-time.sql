-- Source: openlit/openlit src/client/src/lib/platform/llm/request.ts (getRequestPerTime)
-- Computes: requests per day
-- Translated: spans -> usage rows, gen_ai.request.model -> model_id, gen_ai.system -> service,
--   application_name -> project_id, environment -> capture_source, Duration -> duration_ms,
--   gen_ai.usage.cost -> cost_usd, Timestamp -> ts
SELECT CAST(count(*) AS INTEGER) AS total, date_trunc('day', ts) AS request_time
FROM usage
GROUP BY request_time
ORDER BY request_time
