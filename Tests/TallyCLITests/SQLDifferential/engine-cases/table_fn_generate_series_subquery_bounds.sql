SELECT count(*) AS days, min(d) AS first_day, max(d) AS last_day FROM generate_series((SELECT min(date) FROM usage), (SELECT max(date) FROM usage), INTERVAL '1 day') t(d)
