WITH t(svc, records) AS (SELECT service, count(*) FROM usage GROUP BY 1) SELECT svc, records FROM t ORDER BY svc;
