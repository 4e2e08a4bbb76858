SELECT min(ts + INTERVAL 30 DAY) AS a, max(ts - INTERVAL 2 HOUR) AS b, min(date + INTERVAL '1 month') AS c FROM usage;
