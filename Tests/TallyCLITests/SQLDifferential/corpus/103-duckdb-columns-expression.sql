-- Source: duckdb.org docs sql/expressions/star#columns-expression
-- Computes: max of several columns at once with COLUMNS(...)
-- Translated: usage table columns as they are
SELECT max(COLUMNS(['quantity', 'duration_ms', 'step_index'])) FROM usage
