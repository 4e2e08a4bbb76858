-- Instants ordered and lagged in a window.
SET TimeZone = 'Europe/London'; SELECT t, lag(t) OVER (ORDER BY t) AS prev FROM (SELECT DISTINCT date_trunc('hour', ts AT TIME ZONE 'UTC') AS t FROM usage) ORDER BY t LIMIT 5;
