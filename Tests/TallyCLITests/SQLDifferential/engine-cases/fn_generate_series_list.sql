SELECT generate_series(1, 10, 3) AS a, range(3) AS b, generate_series(DATE '2026-01-30', DATE '2026-04-30', INTERVAL 1 MONTH) AS c, generate_series(1, NULL) AS d, len(range(0, 100, 7)) AS n
