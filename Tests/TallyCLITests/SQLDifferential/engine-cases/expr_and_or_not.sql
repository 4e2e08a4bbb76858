SELECT count(*) FROM usage WHERE (service = 'anthropic' OR unit = 'sandbox_seconds') AND NOT (model_id = 'claude-opus-4-7');
