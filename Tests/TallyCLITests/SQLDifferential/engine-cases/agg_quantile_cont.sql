SELECT unit, quantile_cont(quantity, 0.9) AS p90, quantile_cont(cost_usd, 0.5) AS p50 FROM usage GROUP BY 1 ORDER BY 1;
