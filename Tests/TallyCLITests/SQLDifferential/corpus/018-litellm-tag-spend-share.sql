-- Source: BerriAI/litellm litellm/proxy/spend_tracking/spend_management_endpoints.py (/global/spend/tags)
-- Computes: spend and request count per tag, with each tag's share of all spend
-- Translated: LiteLLM_SpendLogs -> usage, spend -> cost_usd, "startTime" -> ts, model -> model_id,
--   api_key -> tool_id, "user" -> user_id, end_user -> persona_id, team -> project_id, CURRENT_DATE
--   -> the data's last day, request tag -> step_type
SELECT step_type AS individual_request_tag, count(*) AS log_count, sum(cost_usd) AS total_spend,
       round(100 * sum(cost_usd) / sum(sum(cost_usd)) OVER (), 4) AS pct_of_spend
FROM usage
GROUP BY step_type
ORDER BY total_spend DESC, individual_request_tag NULLS LAST
