PIVOT (SELECT project_id, unit, quantity FROM usage WHERE unit LIKE '%_tokens') ON unit IN ('input_tokens', 'cache_read_tokens') USING max(quantity) ORDER BY project_id
