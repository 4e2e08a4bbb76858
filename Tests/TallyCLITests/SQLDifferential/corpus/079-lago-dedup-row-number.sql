-- Source: getlago/lago-api app/services/events/stores/clickhouse/dedup_strategies/row_number_strategy.rb
-- Computes: deduplicated events: the last ingested row per transaction id, then summed
-- Translated: events -> usage rows, external_subscription_id -> project_id, the billable metric's
--   field -> quantity, the unique-count field -> run_id, timestamp -> ts, group keys ->
--   model_id/service, operation_type add/remove -> step_type, transaction_id -> (run_id, unit)
SELECT service, sum(quantity) AS aggregation, count(*) AS events
FROM (
  SELECT *, row_number() OVER (PARTITION BY run_id, unit ORDER BY ts DESC, quantity DESC, cost_usd DESC) AS rn
  FROM usage WHERE run_id IS NOT NULL
)
WHERE rn = 1
GROUP BY service
ORDER BY service
