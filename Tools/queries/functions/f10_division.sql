-- division
SELECT sum(quantity / 1000.0) AS k FROM usage;
