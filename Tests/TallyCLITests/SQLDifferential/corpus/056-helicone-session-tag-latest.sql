-- Source: Helicone/helicone valhalla/jawn/src/managers/SessionManager.ts (getSessionTag)
-- Computes: the tag last set on each session: tags grouped, ordered by their latest time
-- Translated: request_response_rmt -> usage rows, properties['Helicone-Session-Id'] ->
--   issue_session_id, properties['Helicone-Session-Name'] -> step_type, latency -> duration_ms,
--   prompt/completion tokens -> quantity of input_tokens/output_tokens, cost -> cost_usd,
--   request_created_at -> ts, user_id -> user_id, provider -> service, organization -> project_id,
--   GROUP BY tag ORDER BY max(created_at) DESC LIMIT 1 per session -> arg_max over (ts, tag)
SELECT issue_session_id, arg_max(step_type, (ts, step_type)) AS tag
FROM usage
WHERE issue_session_id IS NOT NULL
GROUP BY issue_session_id
ORDER BY issue_session_id
