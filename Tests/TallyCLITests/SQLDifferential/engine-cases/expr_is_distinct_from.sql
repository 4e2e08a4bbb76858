SELECT count(*) FILTER (WHERE tool_id IS DISTINCT FROM 'claude') AS d, count(*) FILTER (WHERE tool_id IS NOT DISTINCT FROM NULL) AS n FROM usage;
