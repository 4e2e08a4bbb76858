-- Source: duckdb.org docs sql/query_syntax/filter (FILTER as a manual pivot)
-- Computes: per model one column per token class, via FILTER
-- Translated: usage table columns as they are
SELECT model_id,
       sum(quantity) FILTER (WHERE unit = 'input_tokens') AS input_tokens,
       sum(quantity) FILTER (WHERE unit = 'output_tokens') AS output_tokens,
       sum(quantity) FILTER (WHERE unit = 'cache_read_tokens') AS cache_read_tokens
FROM usage
GROUP BY model_id
ORDER BY model_id NULLS LAST
