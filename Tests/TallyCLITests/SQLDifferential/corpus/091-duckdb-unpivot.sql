-- Source: duckdb.org docs sql/statements/unpivot (UNPIVOT ... ON ... INTO NAME ... VALUE ...)
-- Computes: per service cost and quantity unpivoted into (metric, value) rows
-- Translated: usage table columns as they are
UNPIVOT (SELECT service, CAST(sum(cost_usd) AS DOUBLE) AS cost, sum(quantity) AS quantity FROM usage GROUP BY service)
ON cost, quantity INTO NAME metric VALUE value
ORDER BY service, metric
