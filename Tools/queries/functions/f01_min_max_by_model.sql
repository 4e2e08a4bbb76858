-- min max by model
SELECT model_id, min(duration_ms) AS lo, max(ts) AS last FROM usage GROUP BY 1;
