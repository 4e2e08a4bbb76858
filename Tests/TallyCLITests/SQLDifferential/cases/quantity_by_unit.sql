SELECT unit, sum(quantity) AS q, min(quantity), max(quantity) FROM usage GROUP BY unit ORDER BY unit;
