SELECT service, quantile_cont(quantity, [0.5, 0.9, 0.99]) AS qs, quantile_disc(step_index, [0.25, 0.75]) AS ds FROM usage GROUP BY 1 ORDER BY 1;
