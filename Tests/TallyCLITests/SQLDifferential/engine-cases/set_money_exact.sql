SELECT sum(cost_usd) AS c FROM usage WHERE service = 'anthropic' UNION ALL SELECT sum(cost_usd) FROM usage WHERE service <> 'anthropic' UNION ALL SELECT 0.000000001 ORDER BY c;
