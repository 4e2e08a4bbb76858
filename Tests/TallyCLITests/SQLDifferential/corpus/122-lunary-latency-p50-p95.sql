-- Source: lunary-ai/lunary packages/backend/src/api/v1/analytics/index.ts (/analytics/latency)
-- Computes: average and median latency per day
-- Translated: run -> usage rows, cost -> cost_usd, prompt/completion tokens ->
--   input_tokens/output_tokens quantity, name -> model_id, external_user_id -> user_id, created_at
--   -> ts, project -> project_id, error -> duration_ms > 30000
SELECT date_trunc('day', ts) AS date, avg(duration_ms) AS avg_duration, median(duration_ms) AS p50
FROM usage
WHERE duration_ms IS NOT NULL
GROUP BY 1
ORDER BY 1
