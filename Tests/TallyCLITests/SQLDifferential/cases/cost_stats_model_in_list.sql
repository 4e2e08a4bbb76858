SELECT model_id, avg(cost_usd), min(cost_usd), max(cost_usd) FROM usage WHERE model_id IN ('claude-sonnet-4-6', 'gpt-5.4-mini') GROUP BY model_id ORDER BY model_id;
