SELECT service, unit, count(*) AS n FROM usage GROUP BY ALL ORDER BY ALL;
