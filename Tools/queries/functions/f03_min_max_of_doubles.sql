-- min max of doubles
SELECT max(quantity) AS hi, min(quantity) AS lo, avg(quantity) AS mean FROM usage;
