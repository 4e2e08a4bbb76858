SELECT * FROM (VALUES (1, 'a'), (2, NULL), (3.5, 'c'), (NULL, 'd')) t(x, y) ORDER BY x NULLS FIRST;
