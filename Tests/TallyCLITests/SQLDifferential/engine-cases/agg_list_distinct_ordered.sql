SELECT project_id, list(DISTINCT service ORDER BY service) AS services, array_agg(DISTINCT tool_id ORDER BY tool_id DESC) AS tools FROM usage GROUP BY project_id ORDER BY project_id
