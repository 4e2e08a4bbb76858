-- Source: BerriAI/litellm litellm/proxy/spend_tracking/spend_management_endpoints.py (/global/activity)
-- Computes: requests and tokens per day
-- Translated: LiteLLM_SpendLogs -> usage, spend -> cost_usd, "startTime" -> ts, model -> model_id,
--   api_key -> tool_id, "user" -> user_id, end_user -> persona_id, team -> project_id, CURRENT_DATE
--   -> the data's last day
SELECT date_trunc('day', ts) AS date, count(*) AS api_requests,
       sum(quantity) FILTER (WHERE unit LIKE '%_tokens') AS total_tokens
FROM usage
GROUP BY date_trunc('day', ts)
ORDER BY date
