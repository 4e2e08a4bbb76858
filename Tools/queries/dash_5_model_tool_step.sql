-- Breakdown by model x tool x step type for the large project.
-- projects: large
-- windows: 30
SELECT model_id, tool_id, step_type, count(*) AS rows, sum(quantity) AS quantity, sum(cost_usd) AS cost FROM usage
WHERE project_id = '{P}' AND date BETWEEN DATE '{START}' AND DATE '{END}'
GROUP BY model_id, tool_id, step_type;
