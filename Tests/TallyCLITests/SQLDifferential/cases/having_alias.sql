SELECT service, count(*) AS n FROM usage GROUP BY service HAVING n >= 100 ORDER BY n;
