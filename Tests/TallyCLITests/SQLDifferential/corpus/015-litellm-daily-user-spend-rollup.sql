-- Source: BerriAI/litellm litellm/proxy/db/db_spend_update_writer.py (LiteLLM_DailyUserSpend upsert)
-- Computes: the daily per user, key, model and provider rollup: prompt, completion and cache tokens, spend, requests
-- Translated: LiteLLM_SpendLogs -> usage, spend -> cost_usd, "startTime" -> ts, model -> model_id,
--   api_key -> tool_id, "user" -> user_id, end_user -> persona_id, team -> project_id, CURRENT_DATE
--   -> the data's last day, a request -> a run_id
SELECT user_id, CAST(date AS VARCHAR) AS date, tool_id AS api_key, model_id AS model, service AS custom_llm_provider,
       sum(quantity) FILTER (WHERE unit = 'input_tokens') AS prompt_tokens,
       sum(quantity) FILTER (WHERE unit = 'output_tokens') AS completion_tokens,
       sum(quantity) FILTER (WHERE unit = 'cache_read_tokens') AS cache_read_input_tokens,
       sum(quantity) FILTER (WHERE unit LIKE 'cache_creation%') AS cache_creation_input_tokens,
       sum(cost_usd) AS spend,
       count(DISTINCT run_id) AS api_requests
FROM usage
WHERE user_id IS NOT NULL
GROUP BY ALL
ORDER BY ALL
