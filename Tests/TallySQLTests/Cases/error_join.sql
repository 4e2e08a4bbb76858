SELECT count(*) FROM usage JOIN runs ON runs.id = usage.run_id
