-- Source: duckdb.org docs sql/functions/aggregates#histogram
-- Computes: histogram of units as a map
-- Translated: usage table columns as they are
-- Differs: histogram() returns a MAP, not supported
SELECT service, histogram(unit) AS units
FROM usage
GROUP BY service
ORDER BY service
