SELECT unnest(['in', 'out']) AS direction, date, count(*) AS n FROM usage WHERE date >= DATE '2026-10-01' GROUP BY direction, date HAVING count(*) > 5 ORDER BY date, direction
