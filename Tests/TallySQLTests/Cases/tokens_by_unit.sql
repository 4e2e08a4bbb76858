SELECT unit, sum(quantity) AS tokens
FROM usage
WHERE unit LIKE '%_tokens' OR unit IN ('input_tokens', 'output_tokens')
GROUP BY unit
