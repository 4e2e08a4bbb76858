SELECT v.x, count(u.step_index) AS rows, sum(u.cost_usd) AS cost FROM (VALUES (0), (1), (7)) v(x) LEFT JOIN usage u ON u.step_index = v.x GROUP BY v.x ORDER BY v.x
