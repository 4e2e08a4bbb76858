SELECT EXISTS (SELECT 1 FROM usage WHERE cost_usd > 100), NOT EXISTS (SELECT * FROM usage WHERE service = 'e2b'), (SELECT count(*) FROM usage WHERE EXISTS (SELECT 1));
