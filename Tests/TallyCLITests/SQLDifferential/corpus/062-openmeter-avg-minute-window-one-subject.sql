-- Source: openmeterio/openmeter openmeter/streaming/clickhouse/meter_query.go (queryMeter.toSQL, AVG, windowSize MINUTE, subject filter)
-- Computes: per-minute average for one subject
-- Translated: events -> usage rows, subject -> user_id, the meter's value property -> quantity,
--   group-by JSON paths -> model_id/service, time -> ts, namespace -> project_id,
--   tumbleStart/tumbleEnd -> date_trunc and + INTERVAL
SELECT date_trunc('minute', ts) AS windowstart, date_trunc('minute', ts) + INTERVAL 1 MINUTE AS windowend, avg(quantity) AS value
FROM usage
WHERE user_id IN (SELECT min(user_id) FROM usage)
GROUP BY windowstart, windowend
ORDER BY windowstart
