SELECT lpad(CAST(step_index AS VARCHAR), 4, '0') AS l, rpad(service, 12, '.') AS r, count(*) FROM usage GROUP BY 1, 2 ORDER BY 1 NULLS FIRST, 2;
