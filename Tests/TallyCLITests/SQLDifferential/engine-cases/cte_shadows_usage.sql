WITH usage AS (SELECT 1 AS x, NULL AS y) SELECT x, y FROM usage;
