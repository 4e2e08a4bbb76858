SELECT service, service IN (SELECT service FROM usage WHERE unit = 'input_tokens') AS llm FROM usage GROUP BY service ORDER BY service;
