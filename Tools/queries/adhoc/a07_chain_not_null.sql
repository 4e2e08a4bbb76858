-- IS NOT NULL on a sparse id.
SELECT count(*) AS n, sum(cost_usd) AS cost FROM usage WHERE chain_id IS NOT NULL;
