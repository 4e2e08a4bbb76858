-- Source: openmeterio/openmeter openmeter/streaming/clickhouse/event_query.go (listEvents)
-- Computes: the 100 newest events
-- Translated: events -> usage rows, subject -> user_id, the meter's value property -> quantity,
--   group-by JSON paths -> model_id/service, time -> ts, namespace -> project_id,
--   tumbleStart/tumbleEnd -> date_trunc and + INTERVAL
SELECT run_id AS id, service AS type, user_id AS subject, ts AS time, quantity, cost_usd
FROM usage
ORDER BY ts DESC, id DESC NULLS LAST, quantity DESC, cost_usd DESC, subject NULLS LAST, type
LIMIT 100
