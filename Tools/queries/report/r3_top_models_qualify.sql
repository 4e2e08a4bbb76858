-- The top 3 models of each project by spend, with QUALIFY.
SELECT project_id, model_id, sum(cost_usd) AS cost FROM usage
WHERE model_id IS NOT NULL
GROUP BY project_id, model_id
QUALIFY row_number() OVER (PARTITION BY project_id ORDER BY sum(cost_usd) DESC, model_id) <= 3
ORDER BY project_id, cost DESC, model_id;
