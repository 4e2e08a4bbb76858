-- Instants compared, filtered and aggregated.
SET TimeZone = 'America/Los_Angeles'; SELECT min(ts AT TIME ZONE 'UTC') AS first, max(ts AT TIME ZONE 'UTC') AS last, count(*) FILTER (WHERE ts AT TIME ZONE 'UTC' >= TIMESTAMPTZ '2025-06-01 00:00:00-07') AS since_june, count(*) FILTER (WHERE ts AT TIME ZONE 'UTC' < TIMESTAMP '2025-06-01 00:00:00') AS before_local_june FROM usage;
