SELECT parser_version / 2 AS p, count(*) FROM usage GROUP BY 1 ORDER BY 1 NULLS LAST;
