SELECT unnest([step_type, capture_source]) AS tag, count(*) AS n, sum(cost_usd) AS cost FROM usage u WHERE u.service = 'openai' GROUP BY tag ORDER BY tag NULLS LAST
