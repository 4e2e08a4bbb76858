WITH big AS (SELECT service, cost_usd, run_id FROM usage WHERE cost_usd > 0.01) SELECT count(*), sum(cost_usd) FROM big UNION ALL SELECT count(DISTINCT run_id), max(cost_usd) FROM big;
