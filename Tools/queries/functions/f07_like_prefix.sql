-- like prefix
SELECT count(*) AS n FROM usage WHERE user_id LIKE 'user-1%';
