-- cast decimal to double
SELECT sum(cost_usd::DOUBLE) AS c FROM usage;
