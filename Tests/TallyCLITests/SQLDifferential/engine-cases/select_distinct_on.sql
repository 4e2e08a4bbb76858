SELECT DISTINCT ON (service) service, ts, quantity FROM usage ORDER BY service, ts DESC, quantity DESC;
