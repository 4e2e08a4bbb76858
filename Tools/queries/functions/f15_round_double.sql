-- round double
SELECT sum(round(quantity, 1)) AS q FROM usage;
