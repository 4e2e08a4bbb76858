SELECT trim('  ' || service || '  ') AS s, ltrim('xx' || unit, 'x') AS l, rtrim(unit || 'yy', 'y') AS r, count(*) FROM usage GROUP BY 1, 2, 3 ORDER BY 1, 2, 3;
