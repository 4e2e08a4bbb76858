-- Local days of Berlin across the end of summer time (2026-10-25, a 25-hour day).
SET TimeZone = 'Europe/Berlin'; SELECT date_trunc('day', ts AT TIME ZONE 'UTC') AS day, count(*) AS n, sum(cost_usd) AS cost FROM usage WHERE date BETWEEN '2026-10-24' AND '2026-10-27' GROUP BY 1 ORDER BY 1;
