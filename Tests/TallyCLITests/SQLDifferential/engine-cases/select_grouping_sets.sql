SELECT service, unit, grouping(service, unit) AS g, sum(quantity) FROM usage GROUP BY GROUPING SETS ((service, unit), (service), ()) ORDER BY ALL;
