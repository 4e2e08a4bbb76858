-- date diff
SELECT count(*) AS n FROM usage WHERE date_diff('day', date, DATE '2026-01-01') < 30;
