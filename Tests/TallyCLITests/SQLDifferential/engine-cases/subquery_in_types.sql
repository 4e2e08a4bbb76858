SELECT count(*) FROM usage WHERE step_index IN (SELECT duration_ms // 1000 FROM usage WHERE duration_ms < 5000);
