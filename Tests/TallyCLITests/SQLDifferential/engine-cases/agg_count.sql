SELECT count(*) AS rows, count(model_id) AS with_model, count(DISTINCT model_id) AS models, count(1) AS ones FROM usage;
