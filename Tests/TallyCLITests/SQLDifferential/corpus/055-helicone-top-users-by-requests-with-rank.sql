-- Source: Helicone/helicone valhalla/jawn/src/managers/UserManager.ts (users table sorted by requests)
-- Computes: users ranked by requests with dense_rank
-- Translated: request_response_rmt -> usage rows, properties['Helicone-Session-Id'] ->
--   issue_session_id, properties['Helicone-Session-Name'] -> step_type, latency -> duration_ms,
--   prompt/completion tokens -> quantity of input_tokens/output_tokens, cost -> cost_usd,
--   request_created_at -> ts, user_id -> user_id, provider -> service, organization -> project_id
SELECT user_id, count(*) AS total_requests, dense_rank() OVER (ORDER BY count(*) DESC) AS rnk
FROM usage
GROUP BY user_id
ORDER BY rnk, user_id NULLS LAST
