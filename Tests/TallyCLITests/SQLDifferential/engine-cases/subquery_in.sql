SELECT service, count(*) FROM usage WHERE run_id IN (SELECT run_id FROM usage WHERE unit = 'sandbox_seconds') GROUP BY 1 ORDER BY 1;
