SELECT * FROM generate_series(1, 10, 3) UNION ALL SELECT * FROM generate_series(5) UNION ALL SELECT * FROM generate_series(5, 1, -2) ORDER BY 1
