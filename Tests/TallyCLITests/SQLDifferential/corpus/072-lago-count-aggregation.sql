-- Source: getlago/lago-api app/services/events/stores/clickhouse/pre_aggregated/count_query.rb
-- Computes: count of events of a subscription in a billing period
-- Translated: events -> usage rows, external_subscription_id -> project_id, the billable metric's
--   field -> quantity, the unique-count field -> run_id, timestamp -> ts, group keys ->
--   model_id/service, operation_type add/remove -> step_type
SELECT count(*) AS aggregation
FROM usage
WHERE project_id = 'lattice-payments' AND ts >= TIMESTAMP '2026-01-01' AND ts < TIMESTAMP '2027-01-01'
