-- Source: openmeterio/openmeter openmeter/streaming/clickhouse/meter_query.go (queryMeter.toSQL, no window size)
-- Computes: one row per group: the minute-rounded first and last event time and the sum
-- Translated: events -> usage rows, subject -> user_id, the meter's value property -> quantity,
--   group-by JSON paths -> model_id/service, time -> ts, namespace -> project_id,
--   tumbleStart/tumbleEnd -> date_trunc and + INTERVAL
SELECT date_trunc('minute', min(ts)) AS windowstart, date_trunc('minute', max(ts)) + INTERVAL 1 MINUTE AS windowend,
       sum(cost_usd) AS value, service
FROM usage
GROUP BY service
ORDER BY service
