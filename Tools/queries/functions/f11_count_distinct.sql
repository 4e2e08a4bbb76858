-- count distinct
SELECT count(DISTINCT run_id) AS runs FROM usage;
