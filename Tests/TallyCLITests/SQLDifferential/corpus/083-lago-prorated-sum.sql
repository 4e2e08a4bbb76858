-- Source: getlago/lago-api app/services/events/stores/clickhouse_store.rb (prorated_sum)
-- Computes: each event's value prorated by the share of the period left after it
-- Translated: events -> usage rows, external_subscription_id -> project_id, the billable metric's
--   field -> quantity, the unique-count field -> run_id, timestamp -> ts, group keys ->
--   model_id/service, operation_type add/remove -> step_type
SELECT sum(quantity * date_diff('second', ts, TIMESTAMP '2026-11-01 00:00:00') / (31 * 86400)) AS aggregation
FROM usage
WHERE ts >= TIMESTAMP '2026-10-01' AND ts < TIMESTAMP '2026-11-01'
