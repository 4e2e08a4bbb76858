-- Source: openmeterio/openmeter openmeter/streaming/clickhouse/meter_query.go (toCountRowSQL)
-- Computes: the estimated number of rows a meter query reads
-- Translated: events -> usage rows, subject -> user_id, the meter's value property -> quantity,
--   group-by JSON paths -> model_id/service, time -> ts, namespace -> project_id,
--   tumbleStart/tumbleEnd -> date_trunc and + INTERVAL
SELECT count() AS total
FROM usage
WHERE project_id = 'lattice-payments' AND service = 'anthropic' AND ts >= TIMESTAMP '2026-01-01'
