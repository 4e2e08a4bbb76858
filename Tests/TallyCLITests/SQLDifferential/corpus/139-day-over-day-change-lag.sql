-- Source: https://mode.com/sql-tutorial/sql-window-functions (LAG and LEAD)
-- Computes: daily spend and the change from the previous day
-- Translated: the blog's events table -> usage rows, user -> user_id, event time -> ts
SELECT date, sum(cost_usd) AS spend, sum(cost_usd) - lag(sum(cost_usd)) OVER (ORDER BY date) AS change
FROM usage
GROUP BY date
ORDER BY date
