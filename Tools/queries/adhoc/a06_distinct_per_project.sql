-- Distinct sandboxes per project.
SELECT project_id, count(DISTINCT sandbox_id) AS sandboxes FROM usage GROUP BY project_id;
