SELECT date_trunc('month', ts) AS m, sum(cost_usd) AS c FROM usage GROUP BY m HAVING c > 10 ORDER BY c DESC, m;
