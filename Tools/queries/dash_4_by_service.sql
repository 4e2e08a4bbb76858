-- Cost by service.
SELECT service, count(*) AS rows, sum(cost_usd) AS cost FROM usage
WHERE project_id = '{P}' AND date BETWEEN DATE '{START}' AND DATE '{END}'
GROUP BY service ORDER BY service;
