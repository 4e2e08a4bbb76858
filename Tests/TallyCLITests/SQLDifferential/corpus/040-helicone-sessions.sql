-- Source: Helicone/helicone valhalla/jawn/src/managers/SessionManager.ts (getSessions)
-- Computes: per session: first and latest request, latency, cost, requests and token sums
-- Translated: request_response_rmt -> usage rows, properties['Helicone-Session-Id'] ->
--   issue_session_id, properties['Helicone-Session-Name'] -> step_type, latency -> duration_ms,
--   prompt/completion tokens -> quantity of input_tokens/output_tokens, cost -> cost_usd,
--   request_created_at -> ts, user_id -> user_id, provider -> service, organization -> project_id,
--   timezoneDifference = -60 minutes
SELECT min(ts) + INTERVAL 60 MINUTE AS created_at, max(ts) + INTERVAL 60 MINUTE AS latest_request_created_at,
       issue_session_id AS session_id, step_type AS session_name, avg(duration_ms) AS avg_latency,
       sum(cost_usd) AS total_cost, count(*) AS total_requests,
       sum(quantity) FILTER (WHERE unit = 'input_tokens') AS prompt_tokens,
       sum(quantity) FILTER (WHERE unit = 'output_tokens') AS completion_tokens,
       coalesce(sum(quantity) FILTER (WHERE unit = 'input_tokens'), 0) + coalesce(sum(quantity) FILTER (WHERE unit = 'output_tokens'), 0) AS total_tokens
FROM usage
WHERE issue_session_id IS NOT NULL
GROUP BY issue_session_id, step_type
ORDER BY created_at DESC, session_id, session_name NULLS LAST
LIMIT 50
