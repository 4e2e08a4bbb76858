-- Source: openmeterio/openmeter openmeter/streaming/clickhouse/subject_query.go
-- Computes: the distinct subjects that sent events to a meter
-- Translated: events -> usage rows, subject -> user_id, the meter's value property -> quantity,
--   group-by JSON paths -> model_id/service, time -> ts, namespace -> project_id,
--   tumbleStart/tumbleEnd -> date_trunc and + INTERVAL
SELECT DISTINCT user_id AS subject
FROM usage
WHERE project_id = 'lattice-payments' AND user_id IS NOT NULL
ORDER BY subject
