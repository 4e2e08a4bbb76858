SELECT step_index FROM usage WHERE step_index = 1 UNION SELECT 'x' ORDER BY 1;
