-- Source: https://www.crunchydata.com/blog/percentage-calculations-using-postgres-window-functions (median vs mean)
-- Computes: mean and median cost per run, per service
-- Translated: the blog's events table -> usage rows, user -> user_id, event time -> ts
WITH per_run AS (SELECT service, run_id, sum(cost_usd) AS cost FROM usage WHERE run_id IS NOT NULL GROUP BY service, run_id)
SELECT service, avg(cost) AS mean_cost, median(cost) AS median_cost, count(*) AS runs
FROM per_run
GROUP BY service
ORDER BY service
