SELECT user_id, count(*) FROM usage GROUP BY user_id ORDER BY count(*) DESC, user_id LIMIT 5 OFFSET 2;
