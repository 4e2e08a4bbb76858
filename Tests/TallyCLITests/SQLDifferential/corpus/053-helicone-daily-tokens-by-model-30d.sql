-- Source: Helicone/helicone valhalla/jawn/src/managers/ModelUsageStatsManager.ts (daily token usage)
-- Computes: tokens per model and day over the last 30 days of the data
-- Translated: request_response_rmt -> usage rows, properties['Helicone-Session-Id'] ->
--   issue_session_id, properties['Helicone-Session-Name'] -> step_type, latency -> duration_ms,
--   prompt/completion tokens -> quantity of input_tokens/output_tokens, cost -> cost_usd,
--   request_created_at -> ts, user_id -> user_id, provider -> service, organization -> project_id
SELECT date, model_id AS model, sum(quantity) AS tokens
FROM usage
WHERE unit LIKE '%_tokens' AND date > (SELECT max(date) FROM usage) - 30
GROUP BY date, model_id
ORDER BY date, model NULLS LAST
