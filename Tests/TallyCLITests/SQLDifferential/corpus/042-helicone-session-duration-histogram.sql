-- Source: Helicone/helicone valhalla/jawn/src/managers/SessionManager.ts (getMetrics, session_duration)
-- Computes: histogram of session durations (seconds between first and last request)
-- Translated: request_response_rmt -> usage rows, properties['Helicone-Session-Id'] ->
--   issue_session_id, properties['Helicone-Session-Name'] -> step_type, latency -> duration_ms,
--   prompt/completion tokens -> quantity of input_tokens/output_tokens, cost -> cost_usd,
--   request_created_at -> ts, user_id -> user_id, provider -> service, organization -> project_id
WITH durations AS (
  SELECT issue_session_id, date_diff('second', min(ts), max(ts)) AS value
  FROM usage WHERE issue_session_id IS NOT NULL GROUP BY issue_session_id
)
SELECT floor(value * 10.0 / (SELECT max(value) + 1 FROM durations)) AS bucket, count(*) AS sessions
FROM durations
GROUP BY bucket
ORDER BY bucket
