-- Source: BerriAI/litellm litellm/proxy/spend_tracking/spend_management_endpoints.py (/global/spend/report, group_by=team)
-- Computes: per day and team: total spend and the per key and model breakdown as a list of JSON objects
-- Translated: LiteLLM_SpendLogs -> usage, spend -> cost_usd, "startTime" -> ts, model -> model_id,
--   api_key -> tool_id, "user" -> user_id, end_user -> persona_id, team -> project_id, CURRENT_DATE
--   -> the data's last day, jsonb_agg(json_build_object(...)) -> list({...} ORDER BY ...)
WITH spend_by_key_model AS (
  SELECT date_trunc('day', ts) AS group_by_day, project_id AS team_name, tool_id AS api_key, model_id AS model,
         sum(cost_usd) AS spend, sum(quantity) FILTER (WHERE unit LIKE '%_tokens') AS total_tokens
  FROM usage
  GROUP BY ALL
)
SELECT group_by_day, team_name, sum(spend) AS total_spend,
       list({'model': model, 'spend': spend, 'total_tokens': total_tokens, 'api_key': api_key} ORDER BY spend DESC, model, api_key) AS metadata
FROM spend_by_key_model
GROUP BY group_by_day, team_name
ORDER BY group_by_day, team_name
