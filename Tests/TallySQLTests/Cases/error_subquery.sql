SELECT count(*)
FROM usage
WHERE run_id IN (SELECT run_id FROM usage WHERE cost_usd > 1)
