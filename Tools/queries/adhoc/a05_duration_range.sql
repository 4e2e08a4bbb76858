-- A range on duration, average duration by model.
SELECT model_id, count(*) AS n, avg(duration_ms) AS d FROM usage WHERE duration_ms > 60000 GROUP BY model_id;
