WITH m AS (SELECT model_id, count(*) AS n, sum(duration_ms) AS d, min(step_type) AS s FROM usage GROUP BY model_id) SELECT model_id, n, d, s FROM m ORDER BY model_id NULLS FIRST;
