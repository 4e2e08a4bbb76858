-- Daily cost chart.
SELECT date_trunc('day', ts) AS day, count(*) AS rows, sum(cost_usd) AS cost FROM usage
WHERE project_id = '{P}' AND date BETWEEN DATE '{START}' AND DATE '{END}'
GROUP BY day ORDER BY day;
