-- Source: Helicone/helicone valhalla/jawn/src/managers/UserManager.ts (getUserMetrics)
-- Computes: per user: first and last activity, requests, requests per active day, tokens per request, cost
-- Translated: request_response_rmt -> usage rows, properties['Helicone-Session-Id'] ->
--   issue_session_id, properties['Helicone-Session-Name'] -> step_type, latency -> duration_ms,
--   prompt/completion tokens -> quantity of input_tokens/output_tokens, cost -> cost_usd,
--   request_created_at -> ts, user_id -> user_id, provider -> service, organization -> project_id
SELECT user_id, min(ts) AS first_active, max(ts) AS last_active, count(*) AS total_requests,
       count(*) / count(DISTINCT date_trunc('day', ts)) AS average_requests_per_day_active,
       (sum(quantity) FILTER (WHERE unit LIKE '%_tokens')) / count(*) AS average_tokens_per_request,
       sum(cost_usd) AS cost
FROM usage
WHERE user_id IS NOT NULL
GROUP BY user_id
ORDER BY cost DESC, user_id
LIMIT 100
