-- A 7-day moving average of the largest project's daily spend, with a RANGE frame.
WITH daily AS (
  SELECT date::TIMESTAMP AS day, sum(cost_usd) AS cost FROM usage WHERE project_id = '{project}' GROUP BY 1)
SELECT day, cost,
       avg(cost) OVER (ORDER BY day RANGE BETWEEN INTERVAL 6 DAY PRECEDING AND CURRENT ROW) AS avg7
FROM daily ORDER BY day;
