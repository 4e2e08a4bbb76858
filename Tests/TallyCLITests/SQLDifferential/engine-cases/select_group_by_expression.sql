SELECT step_index % 2 = 0 AS even, upper(service) AS s, count(*) FROM usage GROUP BY step_index % 2 = 0, upper(service) ORDER BY 1 NULLS FIRST, 2;
