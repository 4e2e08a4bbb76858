SELECT project_id, count(*) FROM usage GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10;
