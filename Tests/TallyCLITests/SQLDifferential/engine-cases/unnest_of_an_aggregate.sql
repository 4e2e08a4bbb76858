SELECT service, unnest(list(DISTINCT unit ORDER BY unit)) AS unit, count(*) AS n FROM usage GROUP BY service ORDER BY service, unit
