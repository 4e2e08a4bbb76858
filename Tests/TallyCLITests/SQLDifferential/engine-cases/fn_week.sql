SELECT week(ts) AS w, yearweek(ts) AS yw, count(*) FROM usage WHERE date BETWEEN '2025-12-20' AND '2026-01-10' GROUP BY 1, 2 ORDER BY 2, 1;
