SET TimeZone = 'America/New_York'; SELECT date_trunc('day', ts::TIMESTAMPTZ) AS local_day, count(*) FROM usage WHERE date BETWEEN '2025-03-08' AND '2025-03-10' GROUP BY 1 ORDER BY 1;
