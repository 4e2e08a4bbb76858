-- Ad hoc over the whole store: service x model x unit.
SELECT service, model_id, unit, count(*) AS rows, sum(quantity) AS quantity, sum(cost_usd) AS cost FROM usage
GROUP BY service, model_id, unit;
