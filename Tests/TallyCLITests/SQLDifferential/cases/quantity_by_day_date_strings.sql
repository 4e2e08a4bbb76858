SELECT date_trunc('day', ts) AS d, sum(quantity) FROM usage WHERE date >= '2026-06-20' AND date <= '2026-06-27' GROUP BY d ORDER BY d;
