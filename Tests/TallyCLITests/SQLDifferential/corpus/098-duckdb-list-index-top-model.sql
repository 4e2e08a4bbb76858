-- Source: duckdb.org docs sql/functions/list#list-indexing (list[1])
-- Computes: per service, the most expensive model: the first element of a list ordered by cost
-- Translated: usage table columns as they are
SELECT service, (list(model_id ORDER BY cost_usd DESC, ts, model_id))[1] AS top_model
FROM usage
GROUP BY service
ORDER BY service
