-- Source: BerriAI/litellm litellm/proxy/spend_tracking/spend_management_endpoints.py (/global/spend/end_users)
-- Computes: spend and requests per end user over a date range, with the models each used
-- Translated: LiteLLM_SpendLogs -> usage, spend -> cost_usd, "startTime" -> ts, model -> model_id,
--   api_key -> tool_id, "user" -> user_id, end_user -> persona_id, team -> project_id, CURRENT_DATE
--   -> the data's last day
SELECT persona_id AS end_user, count(*) AS total_count, sum(cost_usd) AS total_spend,
       string_agg(DISTINCT model_id, ', ' ORDER BY model_id) AS models
FROM usage
WHERE persona_id IS NOT NULL AND ts >= TIMESTAMP '2026-01-01'
GROUP BY persona_id
ORDER BY total_spend DESC, end_user
