SELECT project_id, max(ts) FROM usage GROUP BY project_id ORDER BY 2 DESC NULLS LAST, project_id NULLS FIRST LIMIT 10 OFFSET 30
