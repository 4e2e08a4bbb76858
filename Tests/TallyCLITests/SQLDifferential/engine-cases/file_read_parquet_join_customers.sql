-- Projects to customers from a Parquet file, joined with usage.
-- Fixture: customers.parquet = SELECT * FROM (VALUES ('aurora-checkout', 'Acme', 1), ('beacon-crawler', 'Globex', 2), ('delta-ml', 'Acme', 1), ('helix-messaging', 'Initech', 3)) t(project_id, customer, tier)
SELECT c.customer, sum(u.cost_usd) AS cost, count(*) AS n FROM usage u JOIN read_parquet('$FIXTURES/customers.parquet') c ON u.project_id = c.project_id GROUP BY ALL ORDER BY 1
