-- Source: BerriAI/litellm litellm/proxy/db/create_views.py (view Last30dKeysBySpend)
-- Computes: spend per API key over 30 days, with the key's alias from the key table (LEFT JOIN)
-- Translated: LiteLLM_SpendLogs -> usage, spend -> cost_usd, "startTime" -> ts, model -> model_id,
--   api_key -> tool_id, "user" -> user_id, end_user -> persona_id, team -> project_id, CURRENT_DATE
--   -> the data's last day, LiteLLM_VerificationToken -> a VALUES side table
WITH keys(token, key_alias, key_name) AS (
  VALUES ('claude', 'cc-prod', 'sk-...a1'), ('codex', 'codex-ci', 'sk-...b2'), ('opencode', NULL, 'sk-...c3')
)
SELECT l.tool_id AS api_key, v.key_alias, v.key_name, sum(l.cost_usd) AS total_spend
FROM usage l
LEFT JOIN keys v ON l.tool_id = v.token
WHERE l.ts >= (SELECT max(date) FROM usage) - INTERVAL '30 days'
GROUP BY l.tool_id, v.key_alias, v.key_name
ORDER BY total_spend DESC, api_key
