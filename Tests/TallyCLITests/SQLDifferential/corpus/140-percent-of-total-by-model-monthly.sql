-- Source: https://www.postgresqltutorial.com/postgresql-window-function/ (share of a group total)
-- Computes: each model's share of its month's spend
-- Translated: the blog's events table -> usage rows, user -> user_id, event time -> ts
WITH monthly AS (SELECT date_trunc('month', ts) AS month, model_id, sum(cost_usd) AS spend FROM usage GROUP BY ALL)
SELECT month, model_id, spend, round(CAST(spend AS DOUBLE) / CAST(sum(spend) OVER (PARTITION BY month) AS DOUBLE), 6) AS share
FROM monthly
ORDER BY month, spend DESC, model_id NULLS LAST
