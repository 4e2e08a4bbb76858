-- square root
SELECT service, avg(sqrt(duration_ms)) AS s FROM usage GROUP BY 1;
