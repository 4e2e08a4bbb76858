-- Source: getlago/lago-api app/services/events/stores/clickhouse/unique_count_query.rb
-- Computes: unique count with add/remove operations: a value counts when its latest operation is an add
-- Translated: events -> usage rows, external_subscription_id -> project_id, the billable metric's
--   field -> quantity, the unique-count field -> run_id, timestamp -> ts, group keys ->
--   model_id/service, operation_type add/remove -> step_type, operation_type -> 'remove' for
--   output_tokens rows, 'add' otherwise
WITH ops AS (
  SELECT run_id AS property, arg_max(CASE WHEN unit = 'output_tokens' THEN 'remove' ELSE 'add' END, (ts, unit, quantity)) AS operation_type
  FROM usage
  WHERE run_id IS NOT NULL
  GROUP BY run_id
)
SELECT count(*) FILTER (WHERE operation_type = 'add') AS aggregation FROM ops
