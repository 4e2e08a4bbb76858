SELECT quantity / 1000 AS k, k * 2 AS k2 FROM usage ORDER BY ts, k, k2 LIMIT 5;
