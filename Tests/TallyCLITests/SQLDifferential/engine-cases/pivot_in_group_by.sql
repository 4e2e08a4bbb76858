PIVOT usage ON unit IN ('input_tokens', 'output_tokens', 'nothing') USING sum(quantity) GROUP BY model_id ORDER BY model_id NULLS LAST
