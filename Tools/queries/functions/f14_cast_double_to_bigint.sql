-- cast double to bigint
SELECT count(*) AS n FROM usage WHERE quantity::BIGINT % 7 = 0;
