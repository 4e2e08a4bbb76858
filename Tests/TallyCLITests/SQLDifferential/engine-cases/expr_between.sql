SELECT count(*) FILTER (WHERE quantity BETWEEN 100 AND 1000) AS inside, count(*) FILTER (WHERE quantity NOT BETWEEN 100 AND 1000) AS outside FROM usage;
