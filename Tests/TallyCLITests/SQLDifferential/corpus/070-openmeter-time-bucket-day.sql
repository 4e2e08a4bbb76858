-- Source: openmeterio/openmeter openmeter/streaming/clickhouse/meter_query.go (queryMeter.toSQL, windowSize DAY with tumbleStart)
-- Computes: daily sums with time_bucket (DuckDB's tumbleStart)
-- Translated: events -> usage rows, subject -> user_id, the meter's value property -> quantity,
--   group-by JSON paths -> model_id/service, time -> ts, namespace -> project_id,
--   tumbleStart/tumbleEnd -> date_trunc and + INTERVAL
SELECT time_bucket(INTERVAL '1 day', ts) AS windowstart, sum(quantity) AS value, service
FROM usage
GROUP BY ALL
ORDER BY windowstart, service
