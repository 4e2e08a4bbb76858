SELECT date_trunc('week', ts) AS wk, count(*) FROM usage WHERE ts >= TIMESTAMP '2025-06-01 00:00:00' AND ts < TIMESTAMP '2025-08-01 00:00:00' GROUP BY 1 ORDER BY 1;
