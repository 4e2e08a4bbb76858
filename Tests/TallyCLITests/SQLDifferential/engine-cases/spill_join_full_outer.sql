-- FULL JOIN with a residual condition through the partitioned join: each partition's
-- unmatched build rows come after its probe.
SET memory_limit = '32KB'; SELECT count(*) AS n, count(a.user_id) AS left_rows, count(b.u) AS right_rows, sum(a.cost_usd) AS c FROM (SELECT user_id, run_id, ts, cost_usd FROM usage WHERE quantity > 100) a FULL JOIN (SELECT user_id AS u, run_id AS r, ts AS t FROM usage WHERE quantity <= 100) b ON a.user_id = b.u AND a.run_id = b.r AND a.ts > b.t;
