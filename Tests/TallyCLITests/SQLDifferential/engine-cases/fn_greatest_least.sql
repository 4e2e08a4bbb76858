SELECT greatest(step_index, parser_version) AS g, least(step_index, parser_version) AS l, count(*) FROM usage GROUP BY 1, 2 ORDER BY 1 NULLS FIRST, 2 NULLS FIRST;
