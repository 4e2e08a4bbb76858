SELECT date_add(min(ts), INTERVAL 1 MONTH) AS a, date_add(max(ts), INTERVAL '-2 days') AS b, date_add(min(date), INTERVAL 3 DAY) AS c FROM usage;
