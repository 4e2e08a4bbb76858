SELECT (SELECT service FROM usage WHERE false) IS NULL, (SELECT max(cost_usd) FROM usage WHERE false), (SELECT max(cost_usd) FROM usage) - (SELECT min(cost_usd) FROM usage);
