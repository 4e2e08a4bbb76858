SELECT count(*) FROM usage WHERE starts_with(model_id, 'claude');
