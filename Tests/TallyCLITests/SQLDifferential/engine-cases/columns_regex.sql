SELECT service, count(DISTINCT COLUMNS('^(model|tool)_id$')) FROM usage GROUP BY service ORDER BY service
