SELECT max(n), min(n), count(*) FROM (SELECT unit, n FROM (SELECT unit, count(*) AS n FROM usage GROUP BY unit) WHERE n > 0);
