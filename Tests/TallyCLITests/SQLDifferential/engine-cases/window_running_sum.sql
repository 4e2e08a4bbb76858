SELECT date, sum(cost_usd) AS c, sum(sum(cost_usd)) OVER (ORDER BY date) AS running, avg(sum(cost_usd)) OVER (ORDER BY date) AS running_avg FROM usage GROUP BY date ORDER BY date;
