-- Ad hoc over the whole store: by user.
SELECT user_id, count(*) AS rows, sum(cost_usd) AS cost FROM usage
GROUP BY user_id;
