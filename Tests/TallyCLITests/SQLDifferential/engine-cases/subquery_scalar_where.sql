SELECT count(*), sum(cost_usd) FROM usage WHERE cost_usd > (SELECT avg(cost_usd) FROM usage);
