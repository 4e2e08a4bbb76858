-- Costs of the 100 most recent runs of the large project (a runs table page).
-- projects: large
SELECT run_id, count(*) AS rows, sum(cost_usd) AS cost FROM usage
WHERE project_id = '{P}' AND run_id IN ({RUNS})
GROUP BY run_id;
