-- Source: BerriAI/litellm litellm/proxy/spend_tracking/spend_management_endpoints.py (/global/spend/provider)
-- Computes: spend per provider
-- Translated: LiteLLM_SpendLogs -> usage, spend -> cost_usd, "startTime" -> ts, model -> model_id,
--   api_key -> tool_id, "user" -> user_id, end_user -> persona_id, team -> project_id, CURRENT_DATE
--   -> the data's last day, custom_llm_provider -> service
SELECT service AS provider, sum(cost_usd) AS provider_spend
FROM usage
GROUP BY service
ORDER BY provider_spend DESC, provider
