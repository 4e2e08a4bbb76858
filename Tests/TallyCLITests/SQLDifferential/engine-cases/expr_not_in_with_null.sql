SELECT count(*) AS never FROM usage WHERE step_type NOT IN ('chat', NULL);
