-- Conditional aggregates over an expression key.
SELECT lower(model_id) AS m, sum(quantity) FILTER (WHERE unit = 'output_tokens') AS out, sum(CASE WHEN unit = 'input_tokens' THEN quantity ELSE 0 END) AS inp FROM usage GROUP BY 1;
