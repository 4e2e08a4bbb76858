SELECT t.model_id, t.c FROM (SELECT model_id, cost_usd * 2 AS c, ts FROM usage WHERE model_id IS NOT NULL) t ORDER BY t.c DESC, t.ts, t.model_id LIMIT 5;
