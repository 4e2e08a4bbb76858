-- Text and NULL sort keys across spilled runs (NULLS FIRST, descending), over every row.
SET memory_limit = '128KB'; SELECT user_id, persona_id, ts FROM (SELECT user_id, persona_id, ts FROM usage UNION ALL SELECT NULL, model_id, ts FROM usage) ORDER BY user_id DESC NULLS FIRST, persona_id NULLS FIRST, ts LIMIT 40 OFFSET 19990;
