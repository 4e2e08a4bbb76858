-- Source: getlago/lago-api app/services/events/stores/clickhouse/attributed_usage_query.rb
-- Computes: usage per customer attribute with a lookup side table of plans
-- Translated: events -> usage rows, external_subscription_id -> project_id, the billable metric's
--   field -> quantity, the unique-count field -> run_id, timestamp -> ts, group keys ->
--   model_id/service, operation_type add/remove -> step_type
WITH plans(project_id, plan) AS (VALUES ('lattice-payments', 'enterprise'), ('pixel-storefront', 'startup'))
SELECT coalesce(p.plan, 'none') AS plan, u.service, sum(u.quantity) AS units, sum(u.cost_usd) AS cost
FROM usage u LEFT JOIN plans p USING (project_id)
GROUP BY ALL
ORDER BY ALL
