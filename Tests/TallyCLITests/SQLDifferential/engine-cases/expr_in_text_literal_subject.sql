-- A string literal on the left of IN takes the items' type, as in a comparison.
SELECT count(*) FILTER (WHERE '2024-11-22' IN (date, DATE '2025-03-09')) AS a,
       '2025-03-09' IN (DATE '2025-03-09', NULL) AS b,
       '5' IN (5, 6) AS c,
       count(*) FILTER (WHERE CAST(date AS VARCHAR) IN ('2024-11-22', '2026-11-21')) AS d
FROM usage;
