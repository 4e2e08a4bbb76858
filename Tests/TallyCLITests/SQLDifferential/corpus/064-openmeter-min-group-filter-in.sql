-- Source: openmeterio/openmeter openmeter/streaming/clickhouse/meter_query.go (queryMeter.toSQL, MIN, group-by filter In)
-- Computes: minimum per model, filtered to a set of models
-- Translated: events -> usage rows, subject -> user_id, the meter's value property -> quantity,
--   group-by JSON paths -> model_id/service, time -> ts, namespace -> project_id,
--   tumbleStart/tumbleEnd -> date_trunc and + INTERVAL
SELECT min(quantity) AS value, model_id AS model
FROM usage
WHERE model_id IN ('claude-sonnet-4-6', 'gpt-5.4-mini', 'claude-opus-4-7')
GROUP BY model_id
ORDER BY model
