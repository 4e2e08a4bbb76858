-- Source: Helicone/helicone valhalla/jawn/src/managers/SessionManager.ts (updateSessionFeedback: first request of a session)
-- Computes: the first request of one session
-- Translated: request_response_rmt -> usage rows, properties['Helicone-Session-Id'] ->
--   issue_session_id, properties['Helicone-Session-Name'] -> step_type, latency -> duration_ms,
--   prompt/completion tokens -> quantity of input_tokens/output_tokens, cost -> cost_usd,
--   request_created_at -> ts, user_id -> user_id, provider -> service, organization -> project_id,
--   request id -> run_id
SELECT run_id, step_type, ts
FROM usage
WHERE issue_session_id = (SELECT min(issue_session_id) FROM usage)
ORDER BY ts ASC, run_id, step_type
LIMIT 1
