-- The last seven days by date_diff.
SELECT model_id, sum(cost_usd) AS c FROM usage WHERE date_diff('day', date, DATE '{last_date}') < 7 GROUP BY 1 ORDER BY 1;
