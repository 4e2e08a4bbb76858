SELECT count(*), sum(cost_usd), sum(quantity) FROM usage WHERE service = 'anthropic';
