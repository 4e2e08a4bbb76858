PIVOT usage ON service IN ('anthropic', 'openai') USING sum(cost_usd) AS cost, count(*) AS n GROUP BY date ORDER BY date DESC LIMIT 5
