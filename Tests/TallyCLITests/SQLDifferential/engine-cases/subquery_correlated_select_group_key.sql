SELECT date, count(*) AS rows, (SELECT count(DISTINCT x.run_id) FROM usage x WHERE x.date = u.date) AS runs FROM usage u WHERE date >= DATE '2026-10-01' GROUP BY date ORDER BY date
