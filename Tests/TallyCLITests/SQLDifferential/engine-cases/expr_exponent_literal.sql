SELECT count(*) FILTER (WHERE quantity > 1e3) AS big, count(*) FILTER (WHERE quantity < 2.5e-1) AS small, 1e6 AS million FROM usage;
