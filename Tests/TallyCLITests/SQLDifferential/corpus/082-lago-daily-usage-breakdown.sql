-- Source: getlago/lago-api app/services/events/stores/clickhouse_store.rb (sum grouped by day for daily usage)
-- Computes: sum per day of the period
-- Translated: events -> usage rows, external_subscription_id -> project_id, the billable metric's
--   field -> quantity, the unique-count field -> run_id, timestamp -> ts, group keys ->
--   model_id/service, operation_type add/remove -> step_type
SELECT date_trunc('day', ts) AS day, sum(quantity) AS aggregation
FROM usage
WHERE project_id = 'lattice-payments' AND ts >= TIMESTAMP '2026-10-01' AND ts < TIMESTAMP '2026-11-01'
GROUP BY day
ORDER BY day
