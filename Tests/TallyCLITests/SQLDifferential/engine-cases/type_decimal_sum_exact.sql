SELECT sum(cost_usd) AS total, sum(cost_usd) FILTER (WHERE service = 'e2b') AS e2b, min(cost_usd), max(cost_usd) FROM usage;
