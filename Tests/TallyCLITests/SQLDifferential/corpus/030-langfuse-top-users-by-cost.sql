-- Source: langfuse/langfuse web/src/features/dashboard/components/UserChart.tsx (user consumption)
-- Computes: the users with most cost, ranked, with each user's trace count
-- Translated: observations -> usage rows, trace -> run_id, session -> issue_session_id, user ->
--   user_id, name -> step_type, model -> model_id, latency -> duration_ms,
--   usage_details/cost_details keys -> unit, start_time -> ts, environment -> project_id
SELECT user_id, sum(cost_usd) AS total_cost, count(DISTINCT run_id) AS traces,
       rank() OVER (ORDER BY sum(cost_usd) DESC) AS rank
FROM usage
WHERE user_id IS NOT NULL
GROUP BY user_id
ORDER BY rank, user_id
LIMIT 20
