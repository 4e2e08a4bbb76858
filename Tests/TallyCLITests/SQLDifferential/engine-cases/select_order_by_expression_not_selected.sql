SELECT project_id FROM usage GROUP BY project_id ORDER BY sum(cost_usd) DESC, project_id LIMIT 5;
