SELECT count(DISTINCT run_id), count(DISTINCT model_id), count(DISTINCT project_id) FROM usage;
