SELECT service, row_number() OVER (ORDER BY service) AS rn, sum(cost_usd) OVER () AS s FROM usage WHERE service = 'nope' ORDER BY rn;
