SELECT service = 'anthropic' AS is_a, count(*) FROM usage GROUP BY 1 ORDER BY 1;
