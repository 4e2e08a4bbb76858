-- in list
SELECT unit, count(*) AS n FROM usage WHERE model_id IN ('gpt-5.4-mini', 'claude-sonnet-4-5') GROUP BY 1;
