SELECT count(*), count(model_id) FROM usage WHERE model_id NOT IN (SELECT model_id FROM usage WHERE service = 'openai' AND model_id IS NOT NULL);
