SELECT CASE service WHEN 'anthropic' THEN 'A' WHEN 'openai' THEN 'O' END AS s, count(*) FROM usage GROUP BY 1 ORDER BY 1 NULLS FIRST;
