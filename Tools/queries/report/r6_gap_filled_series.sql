-- A gap-filled daily series of the 90 days to the last date: generate_series and a LEFT JOIN.
WITH days AS (
  SELECT d::DATE AS day FROM generate_series(DATE '{last_date}' - INTERVAL 89 DAY, DATE '{last_date}', INTERVAL 1 DAY) t(d)),
daily AS (
  SELECT date, sum(cost_usd) AS cost, count(*) AS records FROM usage
  WHERE project_id = '{median_project}' AND date > DATE '{last_date}' - INTERVAL 90 DAY GROUP BY date)
SELECT day, coalesce(cost, 0) AS cost, coalesce(records, 0) AS records
FROM days LEFT JOIN daily ON daily.date = days.day ORDER BY day;
