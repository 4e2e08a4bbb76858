-- Source: duckdb.org docs sql/query_syntax/unnest (unnest of generate_series in SELECT, as Postgres' set-returning form in lunary's datesQuery)
-- Computes: the days of a week as rows from unnest(generate_series(...))
-- Translated: usage table columns as they are
SELECT unnest(generate_series(DATE '2026-10-01', DATE '2026-10-07', INTERVAL 1 DAY)) AS day
ORDER BY day
