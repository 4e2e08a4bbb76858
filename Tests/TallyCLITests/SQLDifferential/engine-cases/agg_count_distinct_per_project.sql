SELECT project_id, count(DISTINCT sandbox_id) AS sandboxes, count(DISTINCT run_id) AS runs FROM usage GROUP BY 1 ORDER BY 1;
