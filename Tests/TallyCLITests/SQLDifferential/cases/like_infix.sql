SELECT model_id, count(*) FROM usage WHERE model_id LIKE '%mini%' GROUP BY model_id ORDER BY model_id;
