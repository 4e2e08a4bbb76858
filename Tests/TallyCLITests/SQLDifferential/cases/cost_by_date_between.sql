SELECT date, sum(cost_usd) FROM usage WHERE date BETWEEN DATE '2025-03-01' AND DATE '2025-03-10' GROUP BY date ORDER BY date;
