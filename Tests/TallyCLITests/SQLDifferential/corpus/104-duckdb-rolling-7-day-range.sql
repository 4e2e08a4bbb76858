-- Source: duckdb.org docs sql/functions/window_functions (RANGE frame with INTERVAL)
-- Computes: per day spend and the trailing 7-day spend
-- Translated: usage table columns as they are
SELECT date, sum(cost_usd) AS spend,
       sum(sum(cost_usd)) OVER (ORDER BY date RANGE BETWEEN INTERVAL 6 DAYS PRECEDING AND CURRENT ROW) AS spend_7d
FROM usage
GROUP BY date
ORDER BY date
