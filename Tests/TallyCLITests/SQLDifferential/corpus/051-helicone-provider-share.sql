-- Source: Helicone/helicone valhalla/jawn/src/managers/DataIsBeautifulManager.ts (provider and model share)
-- Computes: each provider's share of requests, in percent
-- Translated: request_response_rmt -> usage rows, properties['Helicone-Session-Id'] ->
--   issue_session_id, properties['Helicone-Session-Name'] -> step_type, latency -> duration_ms,
--   prompt/completion tokens -> quantity of input_tokens/output_tokens, cost -> cost_usd,
--   request_created_at -> ts, user_id -> user_id, provider -> service, organization -> project_id
SELECT service AS provider, count(*) AS requests, count(*) * 100.0 / sum(count(*)) OVER () AS percent
FROM usage
GROUP BY service
ORDER BY requests DESC, provider
