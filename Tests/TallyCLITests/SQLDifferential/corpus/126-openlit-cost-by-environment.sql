-- Source: openlit/openlit src/client/src/lib/platform/llm/cost.ts (getCostByEnvironment)
-- Computes: cost per environment
-- Translated: spans -> usage rows, gen_ai.request.model -> model_id, gen_ai.system -> service,
--   application_name -> project_id, environment -> capture_source, Duration -> duration_ms,
--   gen_ai.usage.cost -> cost_usd, Timestamp -> ts
SELECT capture_source AS environment, sum(cost_usd) AS cost, count(*) AS requests
FROM usage
GROUP BY capture_source
ORDER BY cost DESC, environment NULLS LAST
