SELECT model_id, count(*) FROM usage WHERE model_id LIKE 'gpt-5._' OR model_id LIKE '%codex' GROUP BY 1 ORDER BY 1;
