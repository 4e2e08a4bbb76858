-- Source: getlago/lago-api app/services/events/stores/clickhouse/weighted_sum_query.rb (grouped_query)
-- Computes: the time-weighted sum per group (PARTITION BY the group)
-- Translated: events -> usage rows, external_subscription_id -> project_id, the billable metric's
--   field -> quantity, the unique-count field -> run_id, timestamp -> ts, group keys ->
--   model_id/service, operation_type add/remove -> step_type
WITH events_data AS (
  SELECT service, ts AS timestamp, quantity AS difference
  FROM usage WHERE ts >= TIMESTAMP '2026-10-01' AND ts < TIMESTAMP '2026-11-01'
)
SELECT service, sum(period_ratio) AS aggregation
FROM (
  SELECT service,
    sum(difference) OVER (PARTITION BY service ORDER BY timestamp, difference ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
    * date_diff('second', timestamp, lead(timestamp, 1, TIMESTAMP '2026-11-01 00:00:00') OVER (PARTITION BY service ORDER BY timestamp, difference))
    / (31 * 86400) AS period_ratio
  FROM events_data
) cumulated_ratios
GROUP BY service
ORDER BY service
