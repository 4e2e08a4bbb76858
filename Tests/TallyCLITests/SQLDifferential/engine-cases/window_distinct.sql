SELECT DISTINCT service, count(*) OVER (PARTITION BY service) AS n, dense_rank() OVER (ORDER BY service) AS k FROM usage ORDER BY k;
