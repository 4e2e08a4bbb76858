SELECT model_id, count(*) FROM usage WHERE model_id ILIKE 'CLAUDE-S%' GROUP BY 1 ORDER BY 1;
