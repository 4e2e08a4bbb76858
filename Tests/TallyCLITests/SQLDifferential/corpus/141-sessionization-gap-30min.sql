-- Source: https://mode.com/blog/finding-user-sessions-sql/ (sessions from 30-minute gaps)
-- Computes: sessions per user: a new session starts after 30 idle minutes
-- Translated: the blog's events table -> usage rows, user -> user_id, event time -> ts
WITH marked AS (
  SELECT user_id, ts, CASE WHEN ts - lag(ts) OVER (PARTITION BY user_id ORDER BY ts) > INTERVAL 30 MINUTE
                          OR lag(ts) OVER (PARTITION BY user_id ORDER BY ts) IS NULL THEN 1 ELSE 0 END AS new_session
  FROM usage WHERE user_id IS NOT NULL
)
SELECT user_id, sum(new_session) AS sessions
FROM marked
GROUP BY user_id
ORDER BY user_id
