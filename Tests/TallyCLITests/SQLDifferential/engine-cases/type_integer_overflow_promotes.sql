SELECT sum(duration_ms) AS d, sum(step_index) AS s, sum(parser_version::BIGINT * 1000000000000) AS big FROM usage;
