-- Source: duckdb.org docs sql/functions/list#range (range excludes the stop value)
-- Computes: requests per hour of the first day, every hour present
-- Translated: usage table columns as they are
SELECT h.hour, count(u.ts) AS requests
FROM range(TIMESTAMP '2026-10-01', TIMESTAMP '2026-10-02', INTERVAL 1 HOUR) AS h(hour)
LEFT JOIN usage u ON date_trunc('hour', u.ts) = h.hour
GROUP BY h.hour
ORDER BY h.hour
