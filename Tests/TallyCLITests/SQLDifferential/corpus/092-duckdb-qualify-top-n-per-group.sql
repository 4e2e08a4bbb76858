-- Source: duckdb.org docs sql/query_syntax/qualify
-- Computes: the 3 most expensive models of each service
-- Translated: usage table columns as they are
SELECT service, model_id, sum(cost_usd) AS cost
FROM usage
GROUP BY service, model_id
QUALIFY row_number() OVER (PARTITION BY service ORDER BY sum(cost_usd) DESC, model_id) <= 3
ORDER BY service, cost DESC, model_id
