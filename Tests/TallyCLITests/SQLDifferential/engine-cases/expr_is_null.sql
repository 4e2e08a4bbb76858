SELECT count(*) FILTER (WHERE chain_id IS NULL), count(*) FILTER (WHERE chain_id IS NOT NULL), count(*) FILTER (WHERE (step_index > 3) IS NOT TRUE) FROM usage;
