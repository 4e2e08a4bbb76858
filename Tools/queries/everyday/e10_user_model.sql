-- Two keys: user and model.
SELECT user_id, model_id, sum(cost_usd) AS c FROM usage GROUP BY 1, 2 ORDER BY c DESC, 1, 2 LIMIT 20;
