SELECT date_trunc('quarter', ts), count(*) FROM usage GROUP BY 1
