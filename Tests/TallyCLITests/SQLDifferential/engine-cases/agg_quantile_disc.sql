SELECT unit, quantile_disc(quantity, 0.9) AS p90, quantile_disc(duration_ms, 0.5) AS p50 FROM usage GROUP BY 1 ORDER BY 1;
