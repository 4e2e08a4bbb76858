SELECT project_id, abs(approx_count_distinct(run_id) - count(DISTINCT run_id)) <= 0.05 * count(DISTINCT run_id) + 2 AS close FROM usage GROUP BY 1 ORDER BY 1;
