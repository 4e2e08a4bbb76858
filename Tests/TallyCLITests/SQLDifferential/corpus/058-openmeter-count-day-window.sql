-- Source: openmeterio/openmeter openmeter/streaming/clickhouse/meter_query.go (queryMeter.toSQL, COUNT, windowSize DAY)
-- Computes: daily event count
-- Translated: events -> usage rows, subject -> user_id, the meter's value property -> quantity,
--   group-by JSON paths -> model_id/service, time -> ts, namespace -> project_id,
--   tumbleStart/tumbleEnd -> date_trunc and + INTERVAL
SELECT date_trunc('day', ts) AS windowstart, date_trunc('day', ts) + INTERVAL 1 DAY AS windowend, count(*) AS value
FROM usage
WHERE project_id = 'lattice-payments'
GROUP BY windowstart, windowend
ORDER BY windowstart
