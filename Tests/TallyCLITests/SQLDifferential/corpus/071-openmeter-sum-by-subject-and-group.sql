-- Source: openmeterio/openmeter openmeter/streaming/clickhouse/meter_query.go (queryMeter.toSQL, groupBy subject + model)
-- Computes: sum per subject and model over a fixed period
-- Translated: events -> usage rows, subject -> user_id, the meter's value property -> quantity,
--   group-by JSON paths -> model_id/service, time -> ts, namespace -> project_id,
--   tumbleStart/tumbleEnd -> date_trunc and + INTERVAL
SELECT sum(cost_usd) AS value, user_id AS subject, model_id AS model
FROM usage
WHERE ts >= TIMESTAMP '2026-01-01' AND ts < TIMESTAMP '2028-01-01'
GROUP BY subject, model
ORDER BY ALL
