-- The latest rows, whole.
SELECT * FROM usage ORDER BY ts DESC, run_id, step_index, unit LIMIT 50;
