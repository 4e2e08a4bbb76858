SELECT model_id, sum(cost_usd) FROM usage GROUP BY 3
