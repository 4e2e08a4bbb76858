-- Local wall times formatted, grouped.
SET TimeZone = 'Asia/Kolkata'; SELECT strftime(ts AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M') AS local, count(*) AS n FROM usage GROUP BY 1 ORDER BY 1 LIMIT 5;
