-- The types of instants and wall times, and the session's zone.
SET TimeZone = 'Europe/Paris'; SELECT typeof(to_timestamp(0)) AS a, typeof(TIMESTAMP '2025-01-01' AT TIME ZONE 'UTC') AS b, typeof(TIMESTAMPTZ '2025-01-01 00:00:00+00' AT TIME ZONE 'UTC') AS c, current_setting('TimeZone') AS z, to_timestamp(0) AS epoch_start;
