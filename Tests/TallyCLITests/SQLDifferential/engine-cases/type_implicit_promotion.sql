SELECT sum(step_index + quantity) AS dbl, sum(step_index + cost_usd) AS dec, max(date + 1) AS dt FROM usage;
