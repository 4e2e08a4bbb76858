-- Ad hoc over the whole store: the 100 most expensive runs (run_id breaks ties).
SELECT run_id, sum(cost_usd) AS cost FROM usage
GROUP BY run_id ORDER BY cost DESC, run_id LIMIT 100;
