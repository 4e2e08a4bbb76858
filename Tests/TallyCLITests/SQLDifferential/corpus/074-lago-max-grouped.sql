-- Source: getlago/lago-api app/services/events/stores/clickhouse/pre_aggregated/max_query.rb
-- Computes: max of the metric per group
-- Translated: events -> usage rows, external_subscription_id -> project_id, the billable metric's
--   field -> quantity, the unique-count field -> run_id, timestamp -> ts, group keys ->
--   model_id/service, operation_type add/remove -> step_type
SELECT service, max(quantity) AS aggregation
FROM usage
GROUP BY service
ORDER BY service
