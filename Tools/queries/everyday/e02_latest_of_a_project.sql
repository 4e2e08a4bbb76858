-- The latest rows of one project.
SELECT run_id, ts, model_id, cost_usd FROM usage WHERE project_id = '{project}' ORDER BY ts DESC, run_id, step_index, unit LIMIT 100;
