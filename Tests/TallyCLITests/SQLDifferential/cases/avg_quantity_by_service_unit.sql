SELECT service, unit, count(*), avg(quantity) FROM usage GROUP BY service, unit ORDER BY service, unit;
