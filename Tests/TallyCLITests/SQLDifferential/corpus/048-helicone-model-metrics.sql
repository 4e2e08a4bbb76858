-- Source: Helicone/helicone valhalla/jawn/src/managers/ModelUsageStatsManager.ts
-- Computes: per model: requests, tokens, cost, the 10 most expensive
-- Translated: request_response_rmt -> usage rows, properties['Helicone-Session-Id'] ->
--   issue_session_id, properties['Helicone-Session-Name'] -> step_type, latency -> duration_ms,
--   prompt/completion tokens -> quantity of input_tokens/output_tokens, cost -> cost_usd,
--   request_created_at -> ts, user_id -> user_id, provider -> service, organization -> project_id
SELECT model_id AS model, count(*) AS total_requests,
       sum(quantity) FILTER (WHERE unit = 'input_tokens') AS total_prompt_tokens,
       sum(quantity) FILTER (WHERE unit = 'output_tokens') AS total_completion_tokens,
       sum(cost_usd) AS cost
FROM usage
GROUP BY model_id
ORDER BY cost DESC, model NULLS LAST
LIMIT 10
