-- Source: duckdb.org docs data/json/json_functions#to_json
-- Computes: per service its totals as a JSON object
-- Translated: usage table columns as they are
SELECT service, to_json({'rows': count(*), 'cost': sum(cost_usd)}) AS totals
FROM usage
GROUP BY service
ORDER BY service
