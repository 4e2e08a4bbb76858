SELECT project_id, arg_max(run_id, ts) AS last_run FROM usage WHERE run_id IS NOT NULL GROUP BY 1 ORDER BY 1;
