-- Source: Helicone/helicone valhalla/jawn/src/managers/helpers/getXOverTime.ts (latency over time)
-- Computes: average latency per day
-- Translated: request_response_rmt -> usage rows, properties['Helicone-Session-Id'] ->
--   issue_session_id, properties['Helicone-Session-Name'] -> step_type, latency -> duration_ms,
--   prompt/completion tokens -> quantity of input_tokens/output_tokens, cost -> cost_usd,
--   request_created_at -> ts, user_id -> user_id, provider -> service, organization -> project_id
SELECT date_trunc('day', ts) AS created_at_trunc, avg(duration_ms) AS duration
FROM usage
GROUP BY 1
ORDER BY 1
