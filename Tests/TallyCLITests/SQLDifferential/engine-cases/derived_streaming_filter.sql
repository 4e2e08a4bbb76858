SELECT service, count(*), sum(cost_usd) FROM (SELECT * FROM usage WHERE quantity > 10) t WHERE t.unit LIKE '%tokens' GROUP BY 1 ORDER BY 1;
