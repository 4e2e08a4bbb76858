SELECT count(*), sum(x), min(y) FROM (SELECT quantity AS x, model_id AS y FROM usage WHERE quantity < 0) t;
