-- High-cardinality group-by: top sandboxes by cost.
SELECT sandbox_id, count(*) AS n, sum(cost_usd) AS cost FROM usage GROUP BY sandbox_id ORDER BY cost DESC, sandbox_id LIMIT 20;
