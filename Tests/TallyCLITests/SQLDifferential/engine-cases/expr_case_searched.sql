SELECT CASE WHEN quantity >= 10000 THEN 'large' WHEN quantity >= 1000 THEN 'medium' ELSE 'small' END AS size, count(*), sum(cost_usd) FROM usage GROUP BY 1 ORDER BY 1;
