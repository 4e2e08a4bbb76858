SELECT NULL AND false AS a, NULL OR true AS b, NULL AND true AS c, NOT NULL AS d, NULL = NULL AS e, 1 + NULL AS f, count(*) FROM usage;
