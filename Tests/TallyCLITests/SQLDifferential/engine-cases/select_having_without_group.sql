SELECT sum(cost_usd) AS c FROM usage HAVING count(*) > 0;
