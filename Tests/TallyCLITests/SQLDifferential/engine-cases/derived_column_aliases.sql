SELECT s, c FROM (SELECT service, count(*) FROM usage GROUP BY 1) AS t(s, c) ORDER BY c DESC, s;
