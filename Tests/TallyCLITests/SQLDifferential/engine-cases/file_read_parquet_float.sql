-- FLOAT columns are read exactly (as DOUBLE: Tally has no 32-bit float type).
-- Fixture: floats.parquet = SELECT (i * 0.5)::FLOAT AS f, CASE WHEN i = 2 THEN NULL ELSE (i * 0.25)::FLOAT END AS g FROM range(5) t(i)
SELECT f::DOUBLE AS f, g::DOUBLE AS g FROM read_parquet('$FIXTURES/floats.parquet') ORDER BY f
