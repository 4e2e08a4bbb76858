-- Conditions on date and ts that no day passes: the scan reads nothing, and the check
-- whether a function of date holds on every day read does not look at the impossible day.
SELECT count(*) AS n, max(date) AS d FROM usage
WHERE date_trunc('year', date) >= DATE '2026-01-01' AND year(ts) = 2026 AND month(ts) < 1;
