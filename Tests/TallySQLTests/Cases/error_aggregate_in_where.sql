SELECT model_id FROM usage WHERE sum(cost_usd) > 10 GROUP BY model_id
