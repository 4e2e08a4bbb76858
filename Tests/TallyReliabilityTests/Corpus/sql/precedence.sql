SELECT count(*) FROM usage WHERE NOT service = 'e2b' AND (model_id LIKE 'claude%' OR model_id LIKE 'gpt%') OR step_index NOT BETWEEN 1 AND 3
