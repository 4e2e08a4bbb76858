-- One month by year() and month().
SELECT count(*) AS n, sum(cost_usd) AS c FROM usage WHERE year(ts) = year(DATE '{last_date}') AND month(ts) = month(DATE '{last_date}');
