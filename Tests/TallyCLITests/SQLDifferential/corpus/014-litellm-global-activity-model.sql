-- Source: BerriAI/litellm litellm/proxy/spend_tracking/spend_management_endpoints.py (/global/activity/model)
-- Computes: requests and tokens per model and day
-- Translated: LiteLLM_SpendLogs -> usage, spend -> cost_usd, "startTime" -> ts, model -> model_id,
--   api_key -> tool_id, "user" -> user_id, end_user -> persona_id, team -> project_id, CURRENT_DATE
--   -> the data's last day
SELECT model_id AS model, date_trunc('day', ts) AS date, count(*) AS api_requests,
       sum(quantity) FILTER (WHERE unit LIKE '%_tokens') AS total_tokens
FROM usage
WHERE model_id IS NOT NULL
GROUP BY model_id, date_trunc('day', ts)
ORDER BY date, model
