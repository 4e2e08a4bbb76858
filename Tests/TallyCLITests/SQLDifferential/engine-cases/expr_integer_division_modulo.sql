SELECT step_index // 2 AS half, step_index % 3 AS m, count(*) FROM usage WHERE step_index IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2;
