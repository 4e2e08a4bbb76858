-- Source: lunary-ai/lunary packages/backend/src/api/v1/analytics/index.ts (/analytics/users/new)
-- Computes: new users per day: users whose first run is that day
-- Translated: run -> usage rows, cost -> cost_usd, prompt/completion tokens ->
--   input_tokens/output_tokens quantity, name -> model_id, external_user_id -> user_id, created_at
--   -> ts, project -> project_id, error -> duration_ms > 30000, external_user.created_at -> the
--   user's first run
WITH dates AS (SELECT * FROM generate_series(TIMESTAMP '2026-10-01', TIMESTAMP '2026-10-31', INTERVAL '1 day') t(date)),
first_seen AS (SELECT user_id, date_trunc('day', min(ts)) AS first_day FROM usage WHERE user_id IS NOT NULL GROUP BY user_id)
SELECT d.date, count(f.user_id) AS value
FROM dates d LEFT JOIN first_seen f ON f.first_day = d.date
GROUP BY d.date
ORDER BY d.date
