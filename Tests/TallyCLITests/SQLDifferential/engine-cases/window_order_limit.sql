SELECT service, date, sum(cost_usd) AS c FROM usage GROUP BY service, date ORDER BY row_number() OVER (PARTITION BY service ORDER BY sum(cost_usd) DESC, date), service LIMIT 8;
