-- Several row groups, ZSTD pages, dictionary and plain strings.
-- Fixture: many.parquet (ROW_GROUP_SIZE 1000, COMPRESSION zstd) = SELECT i AS n, 'k' || (i % 7) AS k, md5(i::VARCHAR) AS h FROM range(5000) t(i)
SELECT k, count(*) AS rows, sum(n) AS total, count(DISTINCT h) AS hashes FROM read_parquet('$FIXTURES/many.parquet') GROUP BY k ORDER BY k
