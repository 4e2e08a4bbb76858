-- Day-over-day change with LAG over the largest project's daily spend.
WITH daily AS (
  SELECT date, sum(cost_usd) AS cost FROM usage WHERE project_id = '{project}' GROUP BY date)
SELECT date, cost, cost - lag(cost) OVER (ORDER BY date) AS change
FROM daily ORDER BY date;
