SELECT count(DISTINCT user_id) AS users, count(*) AS rows FROM usage u WHERE NOT EXISTS (SELECT 1 FROM usage s WHERE s.user_id = u.user_id AND s.unit = 'sandbox_seconds')
