-- Cost by date and model.
SELECT date, model_id, sum(cost_usd) AS c FROM usage GROUP BY 1, 2 ORDER BY 1, 2;
