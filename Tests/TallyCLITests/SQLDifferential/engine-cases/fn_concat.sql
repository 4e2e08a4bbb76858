SELECT concat(service, ':', tool_id) AS k, count(*) FROM usage GROUP BY 1 ORDER BY 1;
