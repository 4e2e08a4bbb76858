SELECT make_timestamp(2025, 3, 9, 7, 0, 0) AS a, make_timestamp(2024, 2, 29, 23, 59, 59.5) AS b, count(*) FROM usage;
