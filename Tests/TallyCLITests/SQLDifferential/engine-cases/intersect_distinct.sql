SELECT service FROM usage WHERE unit = 'input_tokens' INTERSECT SELECT service FROM usage WHERE unit = 'output_tokens' ORDER BY 1;
