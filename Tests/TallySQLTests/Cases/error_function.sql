SELECT upper(model_id) FROM usage
