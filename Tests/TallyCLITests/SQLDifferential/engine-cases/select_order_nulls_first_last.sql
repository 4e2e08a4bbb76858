SELECT tool_id, model_id, count(*) FROM usage GROUP BY 1, 2 ORDER BY tool_id NULLS FIRST, model_id DESC NULLS LAST;
