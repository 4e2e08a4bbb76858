SELECT model_id, count(*) FROM usage WHERE model_id LIKE 'claude%' GROUP BY model_id ORDER BY model_id;
