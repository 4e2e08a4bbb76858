-- Source: Helicone/helicone valhalla/jawn/src/managers/helpers/getXOverTime.ts (ORDER BY ... WITH FILL)
-- Computes: requests per hour of the busiest day, every hour present
-- Translated: request_response_rmt -> usage rows, properties['Helicone-Session-Id'] ->
--   issue_session_id, properties['Helicone-Session-Name'] -> step_type, latency -> duration_ms,
--   prompt/completion tokens -> quantity of input_tokens/output_tokens, cost -> cost_usd,
--   request_created_at -> ts, user_id -> user_id, provider -> service, organization -> project_id,
--   WITH FILL -> range() of hours LEFT JOIN
WITH day AS (SELECT date FROM usage GROUP BY date ORDER BY count(*) DESC, date LIMIT 1),
hours AS (SELECT * FROM range((SELECT CAST(date AS TIMESTAMP) FROM day), (SELECT CAST(date AS TIMESTAMP) + INTERVAL 1 DAY FROM day), INTERVAL 1 HOUR) t(created_at_trunc))
SELECT h.created_at_trunc, count(u.ts) AS count
FROM hours h LEFT JOIN usage u ON date_trunc('hour', u.ts) = h.created_at_trunc
GROUP BY h.created_at_trunc
ORDER BY h.created_at_trunc
