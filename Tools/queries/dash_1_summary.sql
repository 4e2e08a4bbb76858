-- Dashboard header: rows, total cost, total tokens of one project over a window.
-- Two statements because Tally has neither CASE nor FILTER for the token-only sum.
SELECT count(*) AS rows, sum(cost_usd) AS cost FROM usage
WHERE project_id = '{P}' AND date BETWEEN DATE '{START}' AND DATE '{END}';
SELECT sum(quantity) AS tokens FROM usage
WHERE project_id = '{P}' AND date BETWEEN DATE '{START}' AND DATE '{END}' AND unit LIKE '%_tokens';
