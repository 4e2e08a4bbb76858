SELECT service, string_agg(DISTINCT unit, ',' ORDER BY unit) AS units FROM usage GROUP BY 1 ORDER BY 1;
