-- Source: duckdb.org docs sql/functions/aggregates#list (list with ORDER BY)
-- Computes: per run, the models it used in time order
-- Translated: usage table columns as they are
SELECT run_id, list(model_id ORDER BY ts, unit, quantity) AS models
FROM usage
WHERE run_id IS NOT NULL AND model_id IS NOT NULL
GROUP BY run_id
ORDER BY run_id
LIMIT 50
