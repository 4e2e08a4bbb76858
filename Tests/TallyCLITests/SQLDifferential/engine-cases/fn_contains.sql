SELECT count(*) FROM usage WHERE contains(model_id, 'mini');
