-- ILIKE on a model name.
SELECT count(*) AS n FROM usage WHERE model_id ILIKE '%sonnet%';
