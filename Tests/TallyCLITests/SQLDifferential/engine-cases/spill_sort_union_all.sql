-- A sort over a UNION ALL (a collected input) that spills, with a LIMIT and OFFSET taken
-- from the merge.
SET memory_limit = '200KB'; SELECT s, ts, q FROM (SELECT service AS s, ts, quantity AS q FROM usage UNION ALL SELECT unit, ts, -quantity FROM usage) ORDER BY ts DESC, s, q LIMIT 30 OFFSET 20000;
