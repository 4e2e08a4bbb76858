SELECT unit, count(*) FROM usage WHERE unit = 'input_tokens' OR unit = 'output_tokens' GROUP BY unit ORDER BY unit;
