SELECT step_index, count(*) FROM usage WHERE step_index IN (1, 2, 3) GROUP BY 1 ORDER BY 1;
