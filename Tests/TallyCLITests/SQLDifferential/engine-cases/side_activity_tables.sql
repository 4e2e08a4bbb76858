-- The activity log's tables (empty in the demo store): counted and summed like any table.
SELECT (SELECT count(*) FROM counters) AS projects, (SELECT coalesce(sum(runs_created), 0) FROM daily_stats) AS runs, (SELECT count(*) FROM daily_stats WHERE date >= DATE '2026-01-01') AS days
