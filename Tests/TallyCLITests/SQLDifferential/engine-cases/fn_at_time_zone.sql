SELECT ts AT TIME ZONE 'America/New_York' AS utc_of_local, (ts AT TIME ZONE 'UTC') AT TIME ZONE 'America/New_York' AS local FROM usage ORDER BY ts, 1, 2 LIMIT 5;
