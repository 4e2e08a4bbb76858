SELECT abs(step_index - 3) AS a, sign(step_index - 3) AS s, count(*) FROM usage GROUP BY 1, 2 ORDER BY 1 NULLS FIRST, 2;
