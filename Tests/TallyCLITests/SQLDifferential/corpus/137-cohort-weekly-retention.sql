-- Source: https://www.holistics.io/blog/calculate-cohort-retention-analysis-with-sql/ (cohort retention)
-- Computes: weekly cohorts by first activity and how many users return in each later week
-- Translated: the blog's events table -> usage rows, user -> user_id, event time -> ts
WITH first_week AS (SELECT user_id, min(date_trunc('week', ts)) AS cohort_week FROM usage WHERE user_id IS NOT NULL GROUP BY user_id),
activity AS (SELECT DISTINCT user_id, date_trunc('week', ts) AS active_week FROM usage WHERE user_id IS NOT NULL)
SELECT f.cohort_week, date_diff('week', f.cohort_week, a.active_week) AS week_number, count(DISTINCT a.user_id) AS users
FROM first_week f JOIN activity a USING (user_id)
GROUP BY ALL
ORDER BY ALL
