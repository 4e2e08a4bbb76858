SELECT DISTINCT model_id FROM usage
