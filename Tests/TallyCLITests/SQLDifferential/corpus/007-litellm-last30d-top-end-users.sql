-- Source: BerriAI/litellm litellm/proxy/db/create_views.py (view Last30dTopEndUsersSpend)
-- Computes: the 100 end users with the most spend in 30 days, end users who are also the calling user left out
-- Translated: LiteLLM_SpendLogs -> usage, spend -> cost_usd, "startTime" -> ts, model -> model_id,
--   api_key -> tool_id, "user" -> user_id, end_user -> persona_id, team -> project_id, CURRENT_DATE
--   -> the data's last day
SELECT persona_id AS end_user, count(*) AS total_events, sum(cost_usd) AS total_spend
FROM usage
WHERE persona_id <> '' AND persona_id <> user_id
  AND ts >= (SELECT max(date) FROM usage) - INTERVAL '30 days'
GROUP BY persona_id
ORDER BY total_spend DESC, end_user
LIMIT 100
