SELECT date_trunc('hour', timezone('Europe/Berlin', timezone('UTC', ts))) AS local_hour, count(*) FROM usage WHERE date BETWEEN '2026-03-28' AND '2026-03-30' GROUP BY 1 ORDER BY 1;
