SELECT step_index AS v FROM usage WHERE step_index < 3 UNION SELECT cost_usd FROM usage WHERE cost_usd > 0.3 UNION SELECT NULL ORDER BY v NULLS FIRST;
