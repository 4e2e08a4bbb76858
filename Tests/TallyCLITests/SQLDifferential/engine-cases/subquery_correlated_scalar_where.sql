SELECT model_id, count(*) AS above_model_average FROM usage u WHERE cost_usd > (SELECT avg(cost_usd) FROM usage u2 WHERE u2.model_id = u.model_id) GROUP BY model_id ORDER BY model_id NULLS LAST
