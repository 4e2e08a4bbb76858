-- The delimiter is sniffed: semicolons here.
-- Fixture: semi.csv = 'project_id;customer;tier\naurora-checkout;Acme;1\nbeacon-crawler;Globex;2\ndelta-ml;Acme;1\n'
SELECT c.customer, sum(u.cost_usd) AS cost FROM usage u JOIN read_csv('$FIXTURES/semi.csv') c ON u.project_id = c.project_id GROUP BY ALL ORDER BY 1
