SELECT round(quantity / 7, 2) AS a, round(cost_usd, 4) AS b, round(quantity) AS c FROM usage ORDER BY ts, a, b, c LIMIT 10;
