SELECT service, any_value(service) AS same, count(*) FROM usage GROUP BY 1 ORDER BY 1;
