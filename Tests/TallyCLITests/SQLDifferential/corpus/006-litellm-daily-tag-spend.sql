-- Source: BerriAI/litellm litellm/proxy/db/create_views.py (view DailyTagSpend)
-- Computes: log count and spend per request tag and day, the tags of a request are a list unnested into rows
-- Translated: LiteLLM_SpendLogs -> usage, spend -> cost_usd, "startTime" -> ts, model -> model_id,
--   api_key -> tool_id, "user" -> user_id, end_user -> persona_id, team -> project_id, CURRENT_DATE
--   -> the data's last day, request_tags (a JSON array) -> the list [step_type, capture_source],
--   jsonb_array_elements_text -> unnest
SELECT unnest([step_type, capture_source]) AS individual_request_tag, CAST(ts AS DATE) AS spend_date,
       count(*) AS log_count, sum(cost_usd) AS total_spend
FROM usage
GROUP BY individual_request_tag, CAST(ts AS DATE)
ORDER BY ALL
