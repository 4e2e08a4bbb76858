-- Source: lunary-ai/lunary packages/backend/src/api/v1/external-users.ts (users list with cost and last seen)
-- Computes: users with cost and their last run time, from a correlated subquery
-- Translated: run -> usage rows, cost -> cost_usd, prompt/completion tokens ->
--   input_tokens/output_tokens quantity, name -> model_id, external_user_id -> user_id, created_at
--   -> ts, project -> project_id, error -> duration_ms > 30000
SELECT DISTINCT u.user_id,
       (SELECT max(r.ts) FROM usage r WHERE r.user_id = u.user_id) AS last_seen,
       (SELECT sum(r.cost_usd) FROM usage r WHERE r.user_id = u.user_id) AS cost
FROM usage u
WHERE u.user_id IS NOT NULL
ORDER BY cost DESC, u.user_id
