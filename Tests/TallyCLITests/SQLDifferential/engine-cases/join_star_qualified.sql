SELECT a.*, b.records FROM (SELECT service, unit FROM usage GROUP BY ALL) a JOIN (SELECT unit, count(*) AS records FROM usage GROUP BY 1) b USING (unit) ORDER BY ALL;
