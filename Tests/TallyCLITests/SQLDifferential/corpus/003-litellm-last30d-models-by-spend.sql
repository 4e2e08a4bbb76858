-- Source: BerriAI/litellm litellm/proxy/db/create_views.py (view Last30dModelsBySpend)
-- Computes: spend per model over 30 days, models without a name left out
-- Translated: LiteLLM_SpendLogs -> usage, spend -> cost_usd, "startTime" -> ts, model -> model_id,
--   api_key -> tool_id, "user" -> user_id, end_user -> persona_id, team -> project_id, CURRENT_DATE
--   -> the data's last day
SELECT model_id AS model, sum(cost_usd) AS total_spend
FROM usage
WHERE ts >= (SELECT max(date) FROM usage) - INTERVAL '30 days' AND model_id != ''
GROUP BY model_id
ORDER BY total_spend DESC, model
