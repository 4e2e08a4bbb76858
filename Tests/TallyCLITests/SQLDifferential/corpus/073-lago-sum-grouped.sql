-- Source: getlago/lago-api app/services/events/stores/clickhouse/pre_aggregated/sum_query.rb
-- Computes: sum of the metric per group
-- Translated: events -> usage rows, external_subscription_id -> project_id, the billable metric's
--   field -> quantity, the unique-count field -> run_id, timestamp -> ts, group keys ->
--   model_id/service, operation_type add/remove -> step_type
SELECT model_id, service, sum(quantity) AS aggregation
FROM usage
WHERE project_id = 'lattice-payments'
GROUP BY model_id, service
ORDER BY ALL
