SELECT min(date) AS t FROM usage UNION ALL SELECT max(ts) FROM usage ORDER BY t;
