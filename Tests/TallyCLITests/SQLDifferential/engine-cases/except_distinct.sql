SELECT service FROM usage EXCEPT SELECT service FROM usage WHERE unit = 'input_tokens' ORDER BY 1;
