-- Source: duckdb.org docs sql/functions/aggregates#arg_max
-- Computes: per service, the model with the highest single-row cost
-- Translated: usage table columns as they are
SELECT service, arg_max(model_id, (cost_usd, ts, quantity)) AS priciest_model, max(cost_usd) AS max_cost
FROM usage
GROUP BY service
ORDER BY service
