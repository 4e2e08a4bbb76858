SELECT count(*) FROM usage WHERE model_id NOT IN (SELECT model_id FROM usage WHERE service = 'e2b');
