-- Source: Helicone/helicone valhalla/jawn/src/managers/helpers/percentileDistributions.ts (getHistogramRowOnKeys, p75)
-- Computes: histogram of requests per session up to the 75th percentile, in 10 buckets
-- Translated: request_response_rmt -> usage rows, properties['Helicone-Session-Id'] ->
--   issue_session_id, properties['Helicone-Session-Name'] -> step_type, latency -> duration_ms,
--   prompt/completion tokens -> quantity of input_tokens/output_tokens, cost -> cost_usd,
--   request_created_at -> ts, user_id -> user_id, provider -> service, organization -> project_id
WITH per_session AS (
  SELECT issue_session_id, count(*) AS value FROM usage WHERE issue_session_id IS NOT NULL GROUP BY issue_session_id
), p AS (SELECT quantile_cont(value, 0.75) AS upper, min(value) AS lower FROM per_session)
SELECT floor((value - lower) / ((upper - lower) / 10)) AS range_start_idx, count(*) AS sessions
FROM per_session, p
WHERE value <= upper
GROUP BY range_start_idx
ORDER BY range_start_idx
