-- Source: BerriAI/litellm litellm/proxy/spend_tracking/spend_management_endpoints.py (/global/spend/models)
-- Computes: the top 10 models by spend
-- Translated: LiteLLM_SpendLogs -> usage, spend -> cost_usd, "startTime" -> ts, model -> model_id,
--   api_key -> tool_id, "user" -> user_id, end_user -> persona_id, team -> project_id, CURRENT_DATE
--   -> the data's last day
SELECT model_id AS model, sum(cost_usd) AS total_spend
FROM usage
GROUP BY model_id
ORDER BY total_spend DESC, model
LIMIT 10
