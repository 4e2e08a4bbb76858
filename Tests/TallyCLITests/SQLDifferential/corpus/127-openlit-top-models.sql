-- Source: openlit/openlit src/client/src/lib/platform/llm/model.ts (getTopModels)
-- Computes: the 5 models with most requests and their share
-- Translated: spans -> usage rows, gen_ai.request.model -> model_id, gen_ai.system -> service,
--   application_name -> project_id, environment -> capture_source, Duration -> duration_ms,
--   gen_ai.usage.cost -> cost_usd, Timestamp -> ts
SELECT model_id AS model, count(*) AS model_count, count(*) * 100.0 / sum(count(*)) OVER () AS percentage
FROM usage
GROUP BY model_id
ORDER BY model_count DESC, model NULLS LAST
LIMIT 5
