WITH none AS (SELECT service, cost_usd FROM usage WHERE false) SELECT count(*), sum(cost_usd), max(service) FROM none;
