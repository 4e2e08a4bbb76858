-- two keys high cardinality
SELECT run_id, model_id, count(*) AS n FROM usage GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT 10;
