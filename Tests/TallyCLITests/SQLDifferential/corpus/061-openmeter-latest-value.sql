-- Source: openmeterio/openmeter openmeter/streaming/clickhouse/meter_query.go (queryMeter.toSQL, LATEST: argMax(value, time))
-- Computes: the latest value of a meter per subject
-- Translated: events -> usage rows, subject -> user_id, the meter's value property -> quantity,
--   group-by JSON paths -> model_id/service, time -> ts, namespace -> project_id,
--   tumbleStart/tumbleEnd -> date_trunc and + INTERVAL, the value property -> duration_ms, ties on
--   time broken by (ts, quantity, cost_usd)
SELECT min(ts) AS windowstart, max(ts) AS windowend, arg_max(duration_ms, (ts, quantity, cost_usd)) AS value, user_id AS subject
FROM usage
WHERE duration_ms IS NOT NULL
GROUP BY user_id
ORDER BY subject NULLS LAST
