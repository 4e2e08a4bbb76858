-- time_bucket of an instant buckets in UTC; the bucket prints in the session's zone.
SET TimeZone = 'America/New_York'; SELECT time_bucket(INTERVAL 1 DAY, ts AT TIME ZONE 'UTC') AS b, count(*) AS n FROM usage GROUP BY 1 ORDER BY 1 LIMIT 5;
