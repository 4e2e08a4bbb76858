-- Source: getlago/lago-api app/services/events/stores/clickhouse/dedup_strategies/arg_max_strategy.rb
-- Computes: deduplicated events with argMax per transaction id
-- Translated: events -> usage rows, external_subscription_id -> project_id, the billable metric's
--   field -> quantity, the unique-count field -> run_id, timestamp -> ts, group keys ->
--   model_id/service, operation_type add/remove -> step_type
SELECT run_id, unit, arg_max(quantity, (ts, quantity)) AS value, max(ts) AS timestamp
FROM usage
WHERE run_id IS NOT NULL AND project_id = 'lattice-payments'
GROUP BY run_id, unit
ORDER BY run_id, unit
LIMIT 200
