-- Comparison with the previous period: the summary for the window and for the window
-- before it (no CASE in Tally, so four statements, all counted).
SELECT count(*) AS rows, sum(cost_usd) AS cost FROM usage
WHERE project_id = '{P}' AND date BETWEEN DATE '{START}' AND DATE '{END}';
SELECT sum(quantity) AS tokens FROM usage
WHERE project_id = '{P}' AND date BETWEEN DATE '{START}' AND DATE '{END}' AND unit LIKE '%_tokens';
SELECT count(*) AS rows, sum(cost_usd) AS cost FROM usage
WHERE project_id = '{P}' AND date BETWEEN DATE '{PREV_START}' AND DATE '{PREV_END}';
SELECT sum(quantity) AS tokens FROM usage
WHERE project_id = '{P}' AND date BETWEEN DATE '{PREV_START}' AND DATE '{PREV_END}' AND unit LIKE '%_tokens';
