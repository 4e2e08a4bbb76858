SELECT model_id FROM usage UNION SELECT tool_id FROM usage
