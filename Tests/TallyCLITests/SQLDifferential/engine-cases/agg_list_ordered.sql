SELECT service, list(unit ORDER BY unit, ts, quantity) FILTER (WHERE date = DATE '2026-10-01') AS units FROM usage GROUP BY service ORDER BY service
