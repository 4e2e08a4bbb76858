SELECT usage.service, count(usage.model_id) FROM usage GROUP BY usage.service ORDER BY usage.service;
