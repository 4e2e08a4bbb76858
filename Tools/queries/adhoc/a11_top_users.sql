-- Top users of one service above a size.
SELECT user_id, sum(quantity) AS q FROM usage WHERE service = 'anthropic' AND quantity > 100 GROUP BY user_id ORDER BY q DESC, user_id LIMIT 10;
