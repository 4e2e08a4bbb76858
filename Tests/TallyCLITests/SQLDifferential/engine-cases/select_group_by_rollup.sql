SELECT service, tool_id, grouping(service, tool_id) AS g, count(*), sum(cost_usd) FROM usage GROUP BY ROLLUP (service, tool_id) ORDER BY ALL;
