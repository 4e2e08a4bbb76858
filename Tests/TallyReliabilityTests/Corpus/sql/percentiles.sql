SELECT step_type, median(duration_ms), quantile_cont(duration_ms, 0.95) AS p95, avg(duration_ms) FROM usage WHERE duration_ms IS NOT NULL GROUP BY step_type
