-- integer arithmetic
SELECT sum(duration_ms * 2 + 1) AS d FROM usage;
