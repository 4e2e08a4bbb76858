SELECT sandbox_id IS NULL AS no_sandbox, count(*) FROM (SELECT DISTINCT run_id, sandbox_id FROM usage) GROUP BY 1 ORDER BY 1;
