SELECT count(*), sum(cost_usd), avg(quantity), min(ts), max(model_id), median(quantity), string_agg(unit, ','), bool_and(true) FROM usage WHERE false;
