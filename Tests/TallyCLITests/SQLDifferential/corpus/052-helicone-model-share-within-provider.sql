-- Source: Helicone/helicone valhalla/jawn/src/managers/DataIsBeautifulManager.ts (model breakdown)
-- Computes: each model's share of its provider's requests
-- Translated: request_response_rmt -> usage rows, properties['Helicone-Session-Id'] ->
--   issue_session_id, properties['Helicone-Session-Name'] -> step_type, latency -> duration_ms,
--   prompt/completion tokens -> quantity of input_tokens/output_tokens, cost -> cost_usd,
--   request_created_at -> ts, user_id -> user_id, provider -> service, organization -> project_id
SELECT service AS provider, model_id AS model, count(*) AS requests,
       count(*) * 100.0 / sum(count(*)) OVER (PARTITION BY service) AS percent_of_provider
FROM usage
GROUP BY service, model_id
ORDER BY provider, requests DESC, model NULLS LAST
