SELECT count(*) FROM usage u WHERE u.model_id IN (SELECT m.model_id FROM usage m WHERE m.service = u.service AND m.unit = 'reasoning_tokens')
