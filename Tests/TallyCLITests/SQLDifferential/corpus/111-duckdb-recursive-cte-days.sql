-- Source: duckdb.org docs sql/query_syntax/with#recursive-ctes
-- Computes: a calendar of 10 days from a recursive CTE joined with spend
-- Translated: usage table columns as they are
-- Differs: WITH RECURSIVE is not supported yet
WITH RECURSIVE days(d) AS (
  SELECT DATE '2026-10-01' UNION ALL SELECT d + 1 FROM days WHERE d < DATE '2026-10-10'
)
SELECT days.d, coalesce(sum(u.cost_usd), 0) AS spend
FROM days LEFT JOIN usage u ON u.date = days.d
GROUP BY days.d
ORDER BY days.d
