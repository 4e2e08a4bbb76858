SELECT service, unnest(units) AS unit FROM (SELECT service, list(DISTINCT unit ORDER BY unit) AS units FROM usage GROUP BY service) ORDER BY service, unit
