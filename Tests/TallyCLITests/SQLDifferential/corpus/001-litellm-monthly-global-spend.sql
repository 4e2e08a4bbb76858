-- Source: BerriAI/litellm litellm/proxy/db/create_views.py (view MonthlyGlobalSpend)
-- Computes: spend per day over the last 30 days
-- Translated: LiteLLM_SpendLogs -> usage, spend -> cost_usd, "startTime" -> ts, model -> model_id,
--   api_key -> tool_id, "user" -> user_id, end_user -> persona_id, team -> project_id, CURRENT_DATE
--   -> the data's last day
SELECT CAST(ts AS DATE) AS date, sum(cost_usd) AS spend
FROM usage
WHERE ts >= (SELECT max(date) FROM usage) - INTERVAL '30 days'
GROUP BY CAST(ts AS DATE)
ORDER BY date
