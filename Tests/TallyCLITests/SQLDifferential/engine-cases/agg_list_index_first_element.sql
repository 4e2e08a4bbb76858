SELECT service, (list(model_id ORDER BY cost_usd DESC, ts, model_id))[1] AS priciest_model, len(list(model_id)) AS n FROM usage GROUP BY service ORDER BY service
