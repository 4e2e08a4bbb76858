-- round decimal
SELECT sum(round(cost_usd, 2)) AS c FROM usage;
