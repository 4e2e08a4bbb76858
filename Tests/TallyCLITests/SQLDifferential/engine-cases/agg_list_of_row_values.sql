SELECT service, list((unit, n) ORDER BY unit) AS units FROM (SELECT service, unit, count(*) AS n FROM usage GROUP BY ALL) GROUP BY service ORDER BY service
