SELECT sum(quantity) AS q, avg(quantity) AS a, max(quantity / 3) AS m FROM usage;
