SELECT service, median(quantity) AS mq, median(cost_usd) AS mc, median(duration_ms) AS md FROM usage GROUP BY 1 ORDER BY 1;
