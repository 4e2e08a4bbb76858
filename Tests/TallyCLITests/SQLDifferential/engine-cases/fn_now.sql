SELECT now() >= max(ts) AS after_data, current_timestamp > min(ts) AS after_min, count(*) FROM usage;
