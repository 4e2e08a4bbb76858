-- Source: duckdb.org docs sql/expressions/star#columns-expression
-- Computes: max of several columns at once with COLUMNS(...)
-- Translated: usage table columns as they are
-- Differs: refused: Error: the function columns() is not supported by Tally's SQL yet (line 1, column 12)
SELECT max(COLUMNS(['quantity', 'duration_ms', 'step_index'])) FROM usage
