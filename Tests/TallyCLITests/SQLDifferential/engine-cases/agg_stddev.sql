SELECT service, stddev(quantity) AS s, stddev_samp(cost_usd) AS ss, stddev_pop(duration_ms) AS sp FROM usage GROUP BY 1 ORDER BY 1;
