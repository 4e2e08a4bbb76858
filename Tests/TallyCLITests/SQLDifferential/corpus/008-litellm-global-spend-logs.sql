-- Source: BerriAI/litellm litellm/proxy/spend_tracking/spend_management_endpoints.py (/global/spend/logs)
-- Computes: spend per day over a date range
-- Translated: LiteLLM_SpendLogs -> usage, spend -> cost_usd, "startTime" -> ts, model -> model_id,
--   api_key -> tool_id, "user" -> user_id, end_user -> persona_id, team -> project_id, CURRENT_DATE
--   -> the data's last day
SELECT date_trunc('day', ts) AS date, sum(cost_usd) AS spend
FROM usage
WHERE ts BETWEEN TIMESTAMP '2026-01-01' AND TIMESTAMP '2027-12-31 23:59:59'
GROUP BY date_trunc('day', ts)
ORDER BY date
