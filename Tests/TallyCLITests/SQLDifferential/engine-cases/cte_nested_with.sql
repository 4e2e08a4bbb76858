WITH a AS (SELECT unit, count(*) AS n FROM usage GROUP BY unit) SELECT * FROM (WITH b AS (SELECT max(n) AS top FROM a) SELECT unit, n FROM a WHERE n = (SELECT top FROM b));
