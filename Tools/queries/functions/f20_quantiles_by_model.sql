-- quantiles by model
SELECT model_id, quantile_cont(duration_ms, 0.95) AS p95, median(cost_usd) AS m, quantile_disc(quantity, 0.5) AS q FROM usage GROUP BY 1;
