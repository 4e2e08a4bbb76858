SELECT substring(project_id, 2, 3) AS p, substring(project_id FROM 1 FOR 2) AS q, count(*) FROM usage GROUP BY 1, 2 ORDER BY 1, 2;
