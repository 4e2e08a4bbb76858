SELECT service, arg_max(model_id, (cost_usd, ts, unit)) AS priciest_model, arg_min(model_id, (cost_usd, ts, unit)) AS cheapest_model FROM usage GROUP BY service ORDER BY service
