-- Source: getlago/lago-api app/services/events/stores/clickhouse/weighted_sum_query.rb (query)
-- Computes: time-weighted sum over a period: running total times seconds until the next event, over the period's length
-- Translated: events -> usage rows, external_subscription_id -> project_id, the billable metric's
--   field -> quantity, the unique-count field -> run_id, timestamp -> ts, group keys ->
--   model_id/service, operation_type add/remove -> step_type, leadInFrame -> lead, decimal_value ->
--   quantity (negated for output_tokens)
WITH events_data AS (
  (SELECT TIMESTAMP '2026-10-01 00:00:00' AS timestamp, CAST(0 AS DOUBLE) AS difference)
  UNION ALL
  (SELECT ts AS timestamp, CASE WHEN unit = 'output_tokens' THEN -quantity ELSE quantity END AS difference
   FROM usage WHERE project_id = 'lattice-payments' AND ts >= TIMESTAMP '2026-10-01' AND ts < TIMESTAMP '2026-11-01')
  UNION ALL
  (SELECT TIMESTAMP '2026-11-01 00:00:00' AS timestamp, CAST(0 AS DOUBLE) AS difference)
)
SELECT sum(period_ratio) AS aggregation
FROM (
  SELECT if(
    date_diff('second', timestamp, lead(timestamp, 1, TIMESTAMP '2026-11-01 00:00:00') OVER (ORDER BY timestamp ASC, difference ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING)) > 0,
    sum(difference) OVER (ORDER BY timestamp ASC, difference ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
      * date_diff('second', timestamp, lead(timestamp, 1, TIMESTAMP '2026-11-01 00:00:00') OVER (ORDER BY timestamp ASC, difference ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING))
      / (31 * 86400),
    0) AS period_ratio
  FROM events_data
) cumulated_ratios
