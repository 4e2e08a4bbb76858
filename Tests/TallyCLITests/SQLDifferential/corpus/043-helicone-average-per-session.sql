-- Source: Helicone/helicone valhalla/jawn/src/managers/helpers/percentileDistributions.ts (getAveragePerSession)
-- Computes: average cost, duration and request count per session
-- Translated: request_response_rmt -> usage rows, properties['Helicone-Session-Id'] ->
--   issue_session_id, properties['Helicone-Session-Name'] -> step_type, latency -> duration_ms,
--   prompt/completion tokens -> quantity of input_tokens/output_tokens, cost -> cost_usd,
--   request_created_at -> ts, user_id -> user_id, provider -> service, organization -> project_id
WITH per_session AS (
  SELECT issue_session_id, sum(cost_usd) AS cost, date_diff('second', min(ts), max(ts)) AS duration, count(*) AS count
  FROM usage WHERE issue_session_id IS NOT NULL GROUP BY issue_session_id
)
SELECT avg(cost) AS avg_cost, avg(duration) AS avg_duration, avg(count) AS avg_count FROM per_session
