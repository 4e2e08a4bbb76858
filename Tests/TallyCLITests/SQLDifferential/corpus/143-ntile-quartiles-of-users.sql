-- Source: https://mode.com/sql-tutorial/sql-window-functions (NTILE)
-- Computes: users split into quartiles of spend
-- Translated: the blog's events table -> usage rows, user -> user_id, event time -> ts
WITH per_user AS (SELECT user_id, sum(cost_usd) AS spend FROM usage WHERE user_id IS NOT NULL GROUP BY user_id)
SELECT user_id, spend, ntile(4) OVER (ORDER BY spend DESC, user_id) AS quartile
FROM per_user
ORDER BY quartile, spend DESC, user_id
