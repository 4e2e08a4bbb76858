-- Source: getlago/lago-api app/services/events/stores/clickhouse/unique_count_query.rb (grouped_query)
-- Computes: distinct values per group
-- Translated: events -> usage rows, external_subscription_id -> project_id, the billable metric's
--   field -> quantity, the unique-count field -> run_id, timestamp -> ts, group keys ->
--   model_id/service, operation_type add/remove -> step_type
SELECT service, model_id, count(DISTINCT run_id) AS aggregation
FROM usage
GROUP BY service, model_id
ORDER BY ALL
