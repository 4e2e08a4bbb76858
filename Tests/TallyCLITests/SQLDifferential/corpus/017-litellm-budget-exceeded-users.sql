-- Source: BerriAI/litellm litellm/proxy/management_endpoints/internal_user_endpoints.py (user spend vs max_budget)
-- Computes: users whose spend is over their budget, budgets in a side table
-- Translated: LiteLLM_SpendLogs -> usage, spend -> cost_usd, "startTime" -> ts, model -> model_id,
--   api_key -> tool_id, "user" -> user_id, end_user -> persona_id, team -> project_id, CURRENT_DATE
--   -> the data's last day, LiteLLM_UserTable.max_budget -> a VALUES side table
WITH budgets(user_id, max_budget) AS (
  VALUES ('user_gk9g54', 50.0), ('user_hovmbo', 10.0), ('user_v5ltly', 5.0), ('user_kbnqng', 100.0)
)
SELECT u.user_id, sum(u.cost_usd) AS spend, b.max_budget, sum(u.cost_usd) > b.max_budget AS over_budget
FROM usage u JOIN budgets b ON u.user_id = b.user_id
GROUP BY u.user_id, b.max_budget
ORDER BY u.user_id
