SELECT DISTINCT user_id FROM usage u WHERE u.service = 'anthropic' AND EXISTS (SELECT 1 FROM usage s WHERE s.user_id = u.user_id AND s.unit = 'sandbox_seconds') ORDER BY user_id
