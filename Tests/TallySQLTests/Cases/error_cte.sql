WITH daily AS (SELECT 1) SELECT count(*) FROM daily
