-- A CTE with two aggregates joined: each project's spend and output tokens in its last 30 days.
WITH spend AS (
  SELECT project_id, sum(cost_usd) AS cost FROM usage
  WHERE date > DATE '{last_date}' - INTERVAL 30 DAY GROUP BY project_id),
tokens AS (
  SELECT project_id, sum(quantity) AS output_tokens FROM usage
  WHERE date > DATE '{last_date}' - INTERVAL 30 DAY AND unit = 'output_tokens' GROUP BY project_id)
SELECT s.project_id, s.cost, t.output_tokens
FROM spend s LEFT JOIN tokens t ON t.project_id = s.project_id
ORDER BY s.cost DESC, s.project_id LIMIT 20;
