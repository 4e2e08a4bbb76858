-- Source: openlit/openlit src/client/src/lib/platform/llm/request.ts (getRequestsByCategory / operation type)
-- Computes: requests per operation category
-- Translated: spans -> usage rows, gen_ai.request.model -> model_id, gen_ai.system -> service,
--   application_name -> project_id, environment -> capture_source, Duration -> duration_ms,
--   gen_ai.usage.cost -> cost_usd, Timestamp -> ts, gen_ai.operation.name -> step_type
SELECT step_type AS category, CAST(count(*) AS INTEGER) AS count
FROM usage
GROUP BY step_type
ORDER BY count DESC, category NULLS LAST
