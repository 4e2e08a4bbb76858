SELECT 'service' AS kind, count(*) FROM usage UNION ALL SELECT 'run', count(run_id) FROM usage ORDER BY kind;
