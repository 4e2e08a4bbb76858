-- Source: duckdb.org docs sql/functions/list#generate_series and glossary 'GENERATE_SERIES' (motherduck.com/glossary/generate-series)
-- Computes: every day of the data's range with its spend, 0 on days without usage
-- Translated: usage table columns as they are
SELECT d.day, coalesce(sum(u.cost_usd), 0) AS spend
FROM generate_series(TIMESTAMP '2026-01-01', TIMESTAMP '2026-01-31', INTERVAL '1 day') AS d(day)
LEFT JOIN usage u ON date_trunc('day', u.ts) = d.day
GROUP BY ALL
ORDER BY ALL
