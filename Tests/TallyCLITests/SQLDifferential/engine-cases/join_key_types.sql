SELECT count(*), sum(b.k) FROM (SELECT step_index FROM usage WHERE step_index < 5) a JOIN (SELECT DISTINCT duration_ms // 1000 AS k FROM usage) b ON a.step_index = b.k;
