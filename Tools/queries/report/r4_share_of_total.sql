-- Each service's share of the whole store's spend: a window over an aggregate.
SELECT service, sum(cost_usd) AS cost,
       round(100 * sum(cost_usd) / sum(sum(cost_usd)) OVER (), 6) AS share_pct
FROM usage GROUP BY service ORDER BY cost DESC, service;
