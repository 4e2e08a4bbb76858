SELECT u.service, count(*) FROM usage AS u WHERE u.quantity > 0 GROUP BY u.service ORDER BY u.service;
