-- Source: BerriAI/litellm litellm/proxy/spend_tracking/spend_management_endpoints.py (/global/spend/keys)
-- Computes: the top 5 keys by spend
-- Translated: LiteLLM_SpendLogs -> usage, spend -> cost_usd, "startTime" -> ts, model -> model_id,
--   api_key -> tool_id, "user" -> user_id, end_user -> persona_id, team -> project_id, CURRENT_DATE
--   -> the data's last day
SELECT tool_id AS api_key, sum(cost_usd) AS total_spend
FROM usage
GROUP BY tool_id
ORDER BY total_spend DESC, api_key
LIMIT 5
