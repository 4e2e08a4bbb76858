SELECT tool_id, count(tool_id), count(*) FROM usage GROUP BY tool_id ORDER BY tool_id NULLS LAST;
