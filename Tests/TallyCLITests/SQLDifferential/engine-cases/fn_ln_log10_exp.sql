SELECT sum(ln(quantity + 1)) AS l, sum(log10(quantity + 1)) AS g, max(exp(step_index)) AS e FROM usage;
