SELECT sum(power(quantity, 2)) AS p, sum(sqrt(quantity)) AS s, max(pow(2, step_index)) AS q FROM usage;
