-- Source: duckdb.org docs sql/expressions/subqueries#correlated-subqueries
-- Computes: rows costing more than their model's average
-- Translated: usage table columns as they are
SELECT count(*) AS expensive_rows
FROM usage u
WHERE cost_usd > (SELECT avg(cost_usd) FROM usage u2 WHERE u2.model_id = u.model_id)
