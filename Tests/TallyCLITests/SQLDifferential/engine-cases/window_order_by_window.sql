SELECT service, count(*) AS n FROM usage GROUP BY service ORDER BY rank() OVER (ORDER BY count(*) DESC), service;
