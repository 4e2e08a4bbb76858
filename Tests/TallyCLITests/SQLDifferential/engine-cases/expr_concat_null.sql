SELECT (tool_id || '-x') IS NULL AS n, count(*) FROM usage GROUP BY 1 ORDER BY 1;
