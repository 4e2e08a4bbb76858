SELECT service, unit, count(*) AS n, percent_rank() OVER (ORDER BY count(*)) AS pr, cume_dist() OVER (ORDER BY count(*)) AS cd FROM usage GROUP BY service, unit ORDER BY n, service, unit;
