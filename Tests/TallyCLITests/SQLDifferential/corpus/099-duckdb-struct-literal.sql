-- Source: duckdb.org docs sql/data_types/struct (struct literal {'k': v})
-- Computes: per service a struct of its totals
-- Translated: usage table columns as they are
SELECT service, {'rows': count(*), 'cost': sum(cost_usd)} AS totals
FROM usage
GROUP BY service
ORDER BY service
