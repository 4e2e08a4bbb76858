-- Source: duckdb.org docs sql/functions/list#generate_series (integers)
-- Computes: per step index 0..10, the number of rows, 0 where none
-- Translated: usage table columns as they are
SELECT s.generate_series AS step_index, count(u.step_index) AS rows
FROM generate_series(0, 10) s
LEFT JOIN usage u ON u.step_index = s.generate_series
GROUP BY s.generate_series
ORDER BY step_index
