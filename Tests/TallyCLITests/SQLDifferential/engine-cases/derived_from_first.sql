FROM (SELECT service, count(*) AS n FROM usage GROUP BY service) t SELECT service, n * 2 ORDER BY service;
