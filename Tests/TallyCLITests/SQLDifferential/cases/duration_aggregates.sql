SELECT sum(duration_ms), min(duration_ms), max(duration_ms), avg(duration_ms), count(duration_ms) FROM usage;
