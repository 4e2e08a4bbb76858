SELECT lower(project_id) AS l, upper(service) AS u, count(*) FROM usage GROUP BY 1, 2 ORDER BY 1, 2;
