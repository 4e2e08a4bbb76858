SELECT nullif(step_index, 0) AS s, count(*) FROM usage GROUP BY 1 ORDER BY 1 NULLS FIRST;
