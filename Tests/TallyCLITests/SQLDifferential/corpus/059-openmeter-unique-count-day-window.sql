-- Source: openmeterio/openmeter openmeter/streaming/clickhouse/meter_query.go (queryMeter.toSQL, UNIQUE_COUNT)
-- Computes: distinct value of a property per day (uniqExact)
-- Translated: events -> usage rows, subject -> user_id, the meter's value property -> quantity,
--   group-by JSON paths -> model_id/service, time -> ts, namespace -> project_id,
--   tumbleStart/tumbleEnd -> date_trunc and + INTERVAL, uniqExact(JSON_VALUE(data, path)) ->
--   count(DISTINCT run_id)
SELECT date_trunc('day', ts) AS windowstart, date_trunc('day', ts) + INTERVAL 1 DAY AS windowend,
       count(DISTINCT run_id) AS value
FROM usage
GROUP BY windowstart, windowend
ORDER BY windowstart
