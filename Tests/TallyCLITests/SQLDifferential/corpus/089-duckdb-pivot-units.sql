-- Source: duckdb.org docs sql/statements/pivot (PIVOT ... ON ... USING ... GROUP BY)
-- Computes: token sums per model with one column per token unit
-- Translated: usage table columns as they are
-- Differs: PIVOT without IN (...) takes its columns from the data, which Tally binds a statement without
PIVOT (SELECT model_id, unit, quantity FROM usage WHERE unit IN ('input_tokens', 'output_tokens', 'cache_read_tokens'))
ON unit USING sum(quantity) GROUP BY model_id
ORDER BY model_id NULLS LAST
