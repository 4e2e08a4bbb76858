-- Source: openmeterio/openmeter openmeter/streaming/clickhouse/meter_query.go (queryMeter.toSQL, group-by filter Ilike/Contains)
-- Computes: sum per model where the model name contains 'sonnet', case-insensitive
-- Translated: events -> usage rows, subject -> user_id, the meter's value property -> quantity,
--   group-by JSON paths -> model_id/service, time -> ts, namespace -> project_id,
--   tumbleStart/tumbleEnd -> date_trunc and + INTERVAL
SELECT sum(quantity) AS value, model_id AS model
FROM usage
WHERE lower(model_id) LIKE lower('%Sonnet%')
GROUP BY model_id
ORDER BY model
