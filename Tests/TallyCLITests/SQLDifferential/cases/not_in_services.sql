SELECT service, count(*) FROM usage WHERE service NOT IN ('anthropic', 'openai') GROUP BY service ORDER BY service;
