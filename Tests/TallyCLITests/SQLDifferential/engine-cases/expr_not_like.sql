SELECT count(*) FROM usage WHERE model_id NOT LIKE 'claude%';
