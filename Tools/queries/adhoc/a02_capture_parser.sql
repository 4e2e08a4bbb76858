-- Two low-cardinality columns no rollup holds.
SELECT capture_source, parser_version, count(*) AS n, sum(quantity) AS q FROM usage GROUP BY ALL;
