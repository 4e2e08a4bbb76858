SELECT project_id, sum(cost_usd) FROM usage WHERE project_id LIKE 'a%' AND service = 'openai' GROUP BY project_id ORDER BY project_id;
