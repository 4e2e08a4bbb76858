-- Source: Helicone/helicone valhalla/jawn/src/managers/SessionManager.ts (getSessionNames)
-- Computes: per session name: first and last use, average latency, number of sessions
-- Translated: request_response_rmt -> usage rows, properties['Helicone-Session-Id'] ->
--   issue_session_id, properties['Helicone-Session-Name'] -> step_type, latency -> duration_ms,
--   prompt/completion tokens -> quantity of input_tokens/output_tokens, cost -> cost_usd,
--   request_created_at -> ts, user_id -> user_id, provider -> service, organization -> project_id
SELECT step_type AS name, min(ts) AS created_at, avg(duration_ms) AS avg_latency, max(ts) AS last_used,
       min(ts) AS first_used, count(DISTINCT issue_session_id) AS session_count
FROM usage
WHERE issue_session_id IS NOT NULL AND ts > (SELECT max(date) FROM usage) - INTERVAL '150 days'
GROUP BY step_type
ORDER BY name NULLS LAST
LIMIT 50
