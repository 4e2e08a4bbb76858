SELECT unnest(generate_series(DATE '2026-10-01', DATE '2026-10-07', INTERVAL 1 DAY)) AS day ORDER BY day
