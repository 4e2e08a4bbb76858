-- Every row of a spilled sort, checked in order: a day's totals per project, service and unit.
SET memory_limit = '16KB'; SELECT date, project_id, service, unit, count(*) AS n, sum(quantity) AS q FROM usage GROUP BY ALL ORDER BY date, project_id, service, unit;
