SELECT service, unit, records FROM (SELECT service, count(*) AS records FROM usage GROUP BY 1) a JOIN (SELECT DISTINCT unit, service AS svc FROM usage) b ON service = svc ORDER BY 1, 2;
