SELECT current_date >= max(date) AS after_data, current_date - min(date) > 0 AS positive FROM usage;
