-- Source: BerriAI/litellm litellm/proxy/management_endpoints/common_daily_activity.py (/user/daily/activity)
-- Computes: per day totals and per day and model breakdown in one result (GROUPING SETS)
-- Translated: LiteLLM_SpendLogs -> usage, spend -> cost_usd, "startTime" -> ts, model -> model_id,
--   api_key -> tool_id, "user" -> user_id, end_user -> persona_id, team -> project_id, CURRENT_DATE
--   -> the data's last day
SELECT date, model_id AS model, grouping(model_id) AS is_total,
       sum(cost_usd) AS spend, sum(quantity) FILTER (WHERE unit LIKE '%_tokens') AS total_tokens, count(*) AS api_requests
FROM usage
GROUP BY GROUPING SETS ((date), (date, model_id))
ORDER BY date, is_total DESC, model NULLS FIRST
