SELECT model_id FROM usage WHERE service = 'anthropic' INTERSECT SELECT model_id FROM usage WHERE unit <> 'input_tokens' ORDER BY 1 NULLS FIRST;
