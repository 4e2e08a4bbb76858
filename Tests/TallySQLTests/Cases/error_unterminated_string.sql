SELECT count(*) FROM usage
WHERE model_id = 'claude-sonnet-4-6
LIMIT 5
