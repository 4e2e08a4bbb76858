SELECT count(*), count(DISTINCT t.run_id) FROM (SELECT * FROM usage WHERE service IN (SELECT service FROM usage WHERE unit = 'sandbox_seconds')) t WHERE t.run_id IS NOT NULL;
