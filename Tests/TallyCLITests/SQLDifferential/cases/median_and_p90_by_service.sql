SELECT service, median(quantity), quantile_cont(quantity, 0.9) FROM usage GROUP BY service ORDER BY service;
