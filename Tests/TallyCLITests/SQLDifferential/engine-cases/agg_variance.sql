SELECT service, var_samp(quantity) AS vs, var_pop(quantity) AS vp, variance(step_index) AS v FROM usage GROUP BY 1 ORDER BY 1;
