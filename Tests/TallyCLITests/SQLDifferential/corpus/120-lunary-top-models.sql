-- Source: lunary-ai/lunary packages/backend/src/api/v1/analytics/index.ts (/analytics/models/top)
-- Computes: per model: prompt and completion tokens, cost, run count, top 10 by cost
-- Translated: run -> usage rows, cost -> cost_usd, prompt/completion tokens ->
--   input_tokens/output_tokens quantity, name -> model_id, external_user_id -> user_id, created_at
--   -> ts, project -> project_id, error -> duration_ms > 30000
SELECT model_id AS name,
       sum(quantity) FILTER (WHERE unit = 'output_tokens') AS completion_tokens,
       sum(quantity) FILTER (WHERE unit = 'input_tokens') AS prompt_tokens,
       sum(cost_usd) AS cost, count(DISTINCT run_id) AS runs
FROM usage
WHERE model_id IS NOT NULL
GROUP BY model_id
ORDER BY cost DESC, name
LIMIT 10
