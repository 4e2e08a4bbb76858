SELECT replace(unit, '_tokens', '') AS u, count(*) FROM usage GROUP BY 1 ORDER BY 1;
