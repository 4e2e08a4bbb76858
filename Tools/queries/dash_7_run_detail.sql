-- One run's detail: its steps, iterations and units.
-- projects: large
SELECT step_type, step_index, unit, count(*) AS rows, sum(quantity) AS quantity, sum(cost_usd) AS cost FROM usage
WHERE project_id = '{P}' AND run_id = '{RUN}'
GROUP BY step_type, step_index, unit;
