SELECT service, sum(quantity * cost_usd) AS qc, max(length(model_id)) AS l, avg(epoch_ms(ts) % 1000) AS ms FROM usage GROUP BY 1 ORDER BY 1;
