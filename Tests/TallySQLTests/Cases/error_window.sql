SELECT model_id, sum(cost_usd) OVER (PARTITION BY model_id) FROM usage
