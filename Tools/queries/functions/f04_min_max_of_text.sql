-- min max of text
SELECT project_id, max(model_id) AS m, min(service) AS s FROM usage GROUP BY 1;
