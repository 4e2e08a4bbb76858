SELECT count(*), sum(cost_usd) FROM usage WHERE cost_usd > 0.01 AND cost_usd <= 0.5;
