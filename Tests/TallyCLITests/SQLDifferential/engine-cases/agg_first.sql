SELECT unit, first(unit) AS u, first(quantity ORDER BY ts, quantity) AS q0 FROM usage GROUP BY 1 ORDER BY 1;
