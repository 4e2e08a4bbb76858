-- A self join whose build side (every row) is far past memory_limit: both sides are split
-- by key hash into partitions on disk and joined one partition at a time (a grace hash join).
SET memory_limit = '64KB'; SELECT a.service, b.unit, count(*) AS n, sum(a.cost_usd) AS c FROM usage a JOIN usage b ON a.ts = b.ts AND a.project_id = b.project_id GROUP BY 1, 2 ORDER BY 1, 2;
