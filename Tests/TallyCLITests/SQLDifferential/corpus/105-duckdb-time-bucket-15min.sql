-- Source: duckdb.org docs sql/functions/date#time_bucket
-- Computes: rows per 15-minute bucket of one day
-- Translated: usage table columns as they are
SELECT time_bucket(INTERVAL '15 minutes', ts) AS bucket, count(*) AS n
FROM usage
WHERE date = (SELECT min(date) FROM usage)
GROUP BY bucket
ORDER BY bucket
