SELECT service, count(*) AS n, ntile(4) OVER (ORDER BY count(*), service) AS q, ntile(10) OVER (ORDER BY service) AS t FROM usage GROUP BY service ORDER BY service;
