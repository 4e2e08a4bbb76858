-- A condition that can fail (a cast of text) written before one that excludes every row it
-- would fail on: the rows are tested by the other first, as DuckDB's reordered filters do.
SELECT count(*) AS n FROM usage WHERE CAST(service AS INTEGER) IS NOT NULL AND quantity < 0;
