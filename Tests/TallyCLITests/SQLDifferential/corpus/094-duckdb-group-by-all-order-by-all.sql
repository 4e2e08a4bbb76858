-- Source: duckdb.org docs sql/query_syntax/groupby#group-by-all
-- Computes: spend per service and unit with GROUP BY ALL and ORDER BY ALL
-- Translated: usage table columns as they are
SELECT service, unit, sum(cost_usd) AS cost, count(*) AS n
FROM usage
GROUP BY ALL
ORDER BY ALL
