-- ORDER BY over 20,000 groups under a memory_limit far below their size: the sort spills
-- sorted runs to temp_directory and merges them (docs/sql.md, "Memory and cancellation").
SET memory_limit = '256KB'; SELECT ts, count(*) AS n, sum(cost_usd) AS c FROM usage GROUP BY ts ORDER BY c DESC, ts LIMIT 25 OFFSET 1000;
