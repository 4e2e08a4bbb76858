SELECT count(*) FROM usage WHERE project_id > 'm' AND service <= 'openai';
