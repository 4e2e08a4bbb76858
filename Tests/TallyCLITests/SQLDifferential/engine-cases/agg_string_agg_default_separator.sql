SELECT project_id, string_agg(DISTINCT tool_id ORDER BY tool_id) AS tools FROM usage GROUP BY 1 ORDER BY 1;
