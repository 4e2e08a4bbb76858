-- FROM 'file.parquet' reads the file.
-- Fixture: customers.parquet = SELECT * FROM (VALUES ('aurora-checkout', 'Acme', 1), ('beacon-crawler', 'Globex', 2), ('delta-ml', 'Acme', 1), ('helix-messaging', 'Initech', 3)) t(project_id, customer, tier)
SELECT customer, sum(tier) AS tiers FROM '$FIXTURES/customers.parquet' GROUP BY ALL ORDER BY 1
