-- Requests by hour of day in Tokyo, from UTC timestamps.
SELECT hour((ts AT TIME ZONE 'UTC') AT TIME ZONE 'Asia/Tokyo') AS tokyo_hour, count(*) AS n FROM usage GROUP BY 1 ORDER BY 1;
