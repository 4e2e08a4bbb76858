SELECT service, arg_max(ts, ts) AS latest, arg_min(quantity, quantity) AS smallest, max_by(cost_usd, cost_usd) AS m, min_by(date, date) AS d FROM usage GROUP BY 1 ORDER BY 1;
