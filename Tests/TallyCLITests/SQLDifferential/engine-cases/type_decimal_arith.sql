SELECT sum(cost_usd * 100) AS cents, sum(cost_usd + 0.000000001) AS plus_one_nano, sum(cost_usd - cost_usd) AS zero FROM usage;
