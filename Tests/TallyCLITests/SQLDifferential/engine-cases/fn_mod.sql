SELECT mod(step_index, 3) AS m, mod(quantity, 7) = quantity % 7 AS same, count(*) FROM usage GROUP BY 1, 2 ORDER BY 1 NULLS FIRST, 2;
