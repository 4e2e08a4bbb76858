SELECT model_id, sum(cost_usd) AS cost FROM usage WHERE model_id IS NOT NULL GROUP BY model_id ORDER BY cost DESC, model_id LIMIT 5;
