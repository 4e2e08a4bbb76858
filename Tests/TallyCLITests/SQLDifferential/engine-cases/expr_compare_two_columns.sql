SELECT count(*) FROM usage WHERE duration_ms > step_index * 1000;
