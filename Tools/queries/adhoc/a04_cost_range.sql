-- A range on cost, by service.
SELECT service, count(*) AS n FROM usage WHERE cost_usd > 0.01 GROUP BY service;
