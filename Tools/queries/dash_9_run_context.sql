-- One run's context: its cost, and the costs of every run of its project over the
-- trailing window, from which the page computes mean, median, p90 and the run's rank
-- (Tally's SQL subset has no subqueries, so two statements on both sides, both counted).
-- projects: large
-- windows: 30
SELECT sum(cost_usd) AS cost FROM usage
WHERE project_id = '{P}' AND run_id = '{RUN}';
SELECT run_id, sum(cost_usd) AS cost FROM usage
WHERE project_id = '{P}' AND date BETWEEN DATE '{START}' AND DATE '{END}'
GROUP BY run_id ORDER BY cost DESC, run_id;
