SELECT CAST(quantity AS BIGINT) AS q, CAST(cost_usd AS DOUBLE) AS c, CAST(step_index AS VARCHAR) AS s, CAST(ts AS DATE) AS d FROM usage ORDER BY ts, q, c, s LIMIT 5;
