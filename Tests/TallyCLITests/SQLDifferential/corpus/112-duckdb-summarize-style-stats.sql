-- Source: duckdb.org docs guides/meta/summarize (per column statistics)
-- Computes: min, max, approx unique and null percentage of a few columns
-- Translated: usage table columns as they are
-- Differs: approx_count_distinct is exact in Tally, DuckDB's is a HyperLogLog estimate (docs/sql.md, differences)
SELECT min(duration_ms) AS min_duration, max(duration_ms) AS max_duration,
       approx_count_distinct(model_id) AS approx_unique_models,
       100.0 * count(*) FILTER (WHERE model_id IS NULL) / count(*) AS null_percentage
FROM usage
