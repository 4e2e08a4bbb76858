-- Inputs of the cache savings figure: cache-read tokens by model (savings = tokens x
-- (input rate - cache read rate), priced client-side from the rate card).
-- projects: large
SELECT model_id, sum(quantity) AS cache_read_tokens FROM usage
WHERE project_id = '{P}' AND date BETWEEN DATE '{START}' AND DATE '{END}' AND unit = 'cache_read_tokens'
GROUP BY model_id;
