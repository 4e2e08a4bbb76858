SELECT left(user_id, 4) AS l, right(run_id, 2) AS r FROM usage WHERE run_id IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2 LIMIT 10;
