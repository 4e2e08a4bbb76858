SELECT -sum(quantity) AS a, -min(step_index) AS b, -max(cost_usd) AS c FROM usage;
