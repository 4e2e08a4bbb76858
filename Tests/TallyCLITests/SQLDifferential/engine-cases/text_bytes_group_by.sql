-- Text is compared by its bytes: "é" as one code point and "e" + U+0301 are two groups.
WITH t(x, k) AS (VALUES ('é', 1), ('e' || chr(769), 2), ('é', 3)) SELECT length(x) AS l, count(*) AS n, sum(k) AS s FROM t GROUP BY x ORDER BY l;
