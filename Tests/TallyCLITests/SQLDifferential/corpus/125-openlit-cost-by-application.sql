-- Source: openlit/openlit src/client/src/lib/platform/llm/cost.ts (getCostByApplication)
-- Computes: cost per application and its share
-- Translated: spans -> usage rows, gen_ai.request.model -> model_id, gen_ai.system -> service,
--   application_name -> project_id, environment -> capture_source, Duration -> duration_ms,
--   gen_ai.usage.cost -> cost_usd, Timestamp -> ts
SELECT project_id AS applicationName, sum(cost_usd) AS cost,
       CAST(sum(cost_usd) AS DOUBLE) / CAST(sum(sum(cost_usd)) OVER () AS DOUBLE) AS percentage
FROM usage
GROUP BY project_id
ORDER BY cost DESC, applicationName
