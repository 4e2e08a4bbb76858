SELECT coalesce(tool_id, model_id, 'none') AS who, count(*) FROM usage GROUP BY 1 ORDER BY 1;
