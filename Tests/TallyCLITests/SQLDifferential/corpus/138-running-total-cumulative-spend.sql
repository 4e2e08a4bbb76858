-- Source: https://mode.com/sql-tutorial/sql-window-functions (running total)
-- Computes: cumulative spend per project by day
-- Translated: the blog's events table -> usage rows, user -> user_id, event time -> ts
SELECT project_id, date, sum(cost_usd) AS spend,
       sum(sum(cost_usd)) OVER (PARTITION BY project_id ORDER BY date ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cumulative
FROM usage
GROUP BY project_id, date
ORDER BY project_id, date
