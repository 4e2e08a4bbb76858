SELECT service, count(*) FROM usage WHERE quantity < 0 GROUP BY 1 ORDER BY 1;
