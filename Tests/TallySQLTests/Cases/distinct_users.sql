SELECT date_trunc('week', date) AS week, count(DISTINCT user_id) AS users, count(*) AS rows FROM usage GROUP BY week ORDER BY week
