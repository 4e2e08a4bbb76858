-- A month series of text-filtered rows.
SELECT date_trunc('month', ts) AS m, sum(cost_usd) AS cost FROM usage WHERE unit LIKE '%tokens' GROUP BY 1;
