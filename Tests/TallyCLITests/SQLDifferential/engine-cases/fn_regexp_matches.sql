SELECT count(*) FROM usage WHERE regexp_matches(model_id, '^claude-(opus|sonnet)-4-[0-9]$');
