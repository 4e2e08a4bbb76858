-- greatest
SELECT sum(greatest(duration_ms, 1000)) AS g FROM usage;
