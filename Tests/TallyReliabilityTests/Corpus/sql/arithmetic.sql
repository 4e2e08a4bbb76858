SELECT sum(cost_usd) / count(*) AS avg_cost, -sum(quantity) * 2 + 1, (1 + 2) * 3, 1 + 2 * 3 FROM usage
