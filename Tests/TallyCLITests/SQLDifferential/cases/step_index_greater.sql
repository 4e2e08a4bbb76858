SELECT step_index, count(*) FROM usage WHERE step_index > 2 GROUP BY step_index ORDER BY step_index;
