SELECT r.range, count(u.step_index) AS rows FROM range(0, 6, 2) r LEFT JOIN usage u ON u.step_index = r.range GROUP BY r.range ORDER BY r.range
