-- abs
SELECT sum(abs(duration_ms - 1000)) AS a FROM usage;
