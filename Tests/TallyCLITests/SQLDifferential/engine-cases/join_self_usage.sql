SELECT a.unit, count(*), count(DISTINCT b.unit) FROM usage a JOIN usage b ON a.run_id = b.run_id AND a.ts < b.ts WHERE a.service = 'e2b' GROUP BY 1 ORDER BY 1;
