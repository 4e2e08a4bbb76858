SELECT step_type, count(*) FROM usage WHERE step_type IS NULL GROUP BY step_type;
