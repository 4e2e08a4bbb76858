SELECT service, bool_and(quantity > 0) AS all_pos, bool_or(model_id IS NULL) AS some_null FROM usage GROUP BY 1 ORDER BY 1;
