-- Instants shifted by an interval.
SELECT count(*) AS n FROM usage WHERE ts + INTERVAL 1 DAY > TIMESTAMP '{last_date} 00:00:00';
