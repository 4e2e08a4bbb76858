-- Uncompressed pages (the codecs are UNCOMPRESSED, SNAPPY and ZSTD), booleans, NULL strings.
-- Fixture: plain.parquet (COMPRESSION uncompressed) = SELECT i AS n, i % 2 = 0 AS even, CASE WHEN i % 5 = 0 THEN NULL ELSE 'x' || i END AS s FROM range(300) t(i)
SELECT even, count(*) AS rows, count(s) AS strings, sum(n) AS total FROM read_parquet('$FIXTURES/plain.parquet') GROUP BY even ORDER BY even
