-- An instant taken apart in a zone of a quarter-hour offset.
SET TimeZone = 'Asia/Kathmandu'; SELECT ts AT TIME ZONE 'UTC' AS t, hour(ts AT TIME ZONE 'UTC') AS h, minute(ts AT TIME ZONE 'UTC') AS m, date_part('timezone_minute', ts AT TIME ZONE 'UTC') AS zm, (ts AT TIME ZONE 'UTC')::DATE AS d FROM usage ORDER BY ts LIMIT 5;
