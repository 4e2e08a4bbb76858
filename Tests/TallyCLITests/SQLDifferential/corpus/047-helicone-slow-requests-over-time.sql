-- Source: Helicone/helicone valhalla/jawn/src/managers/helpers/getXOverTime.ts (errors over time)
-- Computes: per hour, requests slower than 30 s (the error condition translated to a latency threshold)
-- Translated: request_response_rmt -> usage rows, properties['Helicone-Session-Id'] ->
--   issue_session_id, properties['Helicone-Session-Name'] -> step_type, latency -> duration_ms,
--   prompt/completion tokens -> quantity of input_tokens/output_tokens, cost -> cost_usd,
--   request_created_at -> ts, user_id -> user_id, provider -> service, organization -> project_id,
--   status >= 400 -> duration_ms > 30000
SELECT date_trunc('hour', ts) AS created_at_trunc, count(*) AS count
FROM usage
WHERE duration_ms > 30000
GROUP BY 1
ORDER BY 1
