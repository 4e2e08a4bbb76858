SELECT service, 1 AS k FROM usage UNION SELECT unit, 2 AS j FROM usage ORDER BY j DESC, unit LIMIT 4;
