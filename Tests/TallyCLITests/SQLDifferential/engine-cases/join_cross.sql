SELECT count(*), sum(a.n * b.m), min(a.service || '/' || b.unit) FROM (SELECT service, count(*) AS n FROM usage GROUP BY service) a CROSS JOIN (SELECT unit, count(*) AS m FROM usage GROUP BY unit) b;
