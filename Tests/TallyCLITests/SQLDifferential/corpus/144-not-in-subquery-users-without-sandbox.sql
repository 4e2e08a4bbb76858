-- Source: https://www.postgresql.org/docs/current/functions-subquery.html (NOT IN subquery)
-- Computes: users who never used a sandbox
-- Translated: the blog's events table -> usage rows, user -> user_id, event time -> ts
SELECT DISTINCT user_id
FROM usage
WHERE user_id IS NOT NULL AND user_id NOT IN (SELECT user_id FROM usage WHERE unit = 'sandbox_seconds' AND user_id IS NOT NULL)
ORDER BY user_id
