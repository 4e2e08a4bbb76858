-- date_diff in hours between instants in a zone half an hour off UTC (Kolkata): each
-- instant cut to its hour on the zone's clock (at :30 UTC) first, as DuckDB.
SET TimeZone = 'Asia/Kolkata'; SELECT date_diff('hour', TIMESTAMPTZ '2025-10-01 06:30:00+00', ts AT TIME ZONE 'UTC') AS h, count(*) AS n FROM usage WHERE date = '2025-10-01' GROUP BY 1 ORDER BY 1;
