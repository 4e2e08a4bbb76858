-- Step index by unit.
SELECT step_index, unit, count(*) AS n, sum(quantity) AS q FROM usage GROUP BY step_index, unit;
