-- strftime month
SELECT strftime(ts, '%Y-%m') AS m, count(*) AS n FROM usage GROUP BY 1 ORDER BY 1;
