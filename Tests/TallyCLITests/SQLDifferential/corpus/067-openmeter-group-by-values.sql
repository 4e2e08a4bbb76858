-- Source: openmeterio/openmeter openmeter/streaming/clickhouse/group_by_values_query.go
-- Computes: the distinct values of a group-by key in a time range
-- Translated: events -> usage rows, subject -> user_id, the meter's value property -> quantity,
--   group-by JSON paths -> model_id/service, time -> ts, namespace -> project_id,
--   tumbleStart/tumbleEnd -> date_trunc and + INTERVAL
SELECT DISTINCT model_id AS value
FROM usage
WHERE ts >= TIMESTAMP '2026-01-01' AND model_id IS NOT NULL AND model_id <> ''
ORDER BY value
LIMIT 100
