SELECT 1 + 2 AS three, 'x' || 'y' AS xy, DATE '2025-01-01' + 1 AS d, count(*) FROM usage;
