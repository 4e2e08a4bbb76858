-- Source: openmeterio/openmeter openmeter/streaming/clickhouse/meter_query.go (queryMeter.toSQL, MAX, windowSize MONTH)
-- Computes: monthly maximum of a meter per model
-- Translated: events -> usage rows, subject -> user_id, the meter's value property -> quantity,
--   group-by JSON paths -> model_id/service, time -> ts, namespace -> project_id,
--   tumbleStart/tumbleEnd -> date_trunc and + INTERVAL
SELECT date_trunc('month', ts) AS windowstart, date_trunc('month', ts) + INTERVAL 1 MONTH AS windowend,
       max(quantity) AS value, model_id AS model
FROM usage
GROUP BY windowstart, windowend, model
ORDER BY windowstart, model NULLS LAST
