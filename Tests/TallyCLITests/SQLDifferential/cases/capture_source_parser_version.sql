SELECT capture_source, parser_version, count(*) FROM usage GROUP BY capture_source, parser_version ORDER BY 1, 2;
