-- Source: openmeterio/openmeter openmeter/streaming/clickhouse/meter_query.go (queryMeter.toSQL, SUM, windowSize HOUR)
-- Computes: hourly sum of a meter per subject
-- Translated: events -> usage rows, subject -> user_id, the meter's value property -> quantity,
--   group-by JSON paths -> model_id/service, time -> ts, namespace -> project_id,
--   tumbleStart/tumbleEnd -> date_trunc and + INTERVAL
SELECT date_trunc('hour', ts) AS windowstart, date_trunc('hour', ts) + INTERVAL 1 HOUR AS windowend,
       sum(quantity) AS value, user_id AS subject
FROM usage
WHERE project_id = 'lattice-payments' AND unit = 'output_tokens' AND ts >= TIMESTAMP '2026-01-01' AND ts < TIMESTAMP '2028-01-01'
GROUP BY windowstart, windowend, subject
ORDER BY windowstart, subject NULLS LAST
