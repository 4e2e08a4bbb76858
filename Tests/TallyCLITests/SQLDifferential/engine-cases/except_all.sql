SELECT service, count(*) FROM (SELECT service FROM usage EXCEPT ALL SELECT service FROM usage WHERE unit <> 'input_tokens') GROUP BY 1 ORDER BY 1;
