SELECT service, unit, count(*) AS n, cume_dist() OVER (PARTITION BY service ORDER BY count(*)) AS cd FROM usage GROUP BY service, unit HAVING count(*) > 5 QUALIFY cd > 0.5 ORDER BY service, unit;
