SELECT sum(DISTINCT step_index) AS s, avg(DISTINCT parser_version) AS a FROM usage;
