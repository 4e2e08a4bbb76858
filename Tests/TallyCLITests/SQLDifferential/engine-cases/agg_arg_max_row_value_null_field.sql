SELECT arg_max(x, (k, y)) AS mx, arg_min(x, (k, y)) AS mn, arg_max(x, (k, y)) FILTER (WHERE k = 1) AS mx1 FROM (VALUES ('A', 1, NULL), ('B', 1, 'a'), (NULL, 2, 'z')) t(x, k, y)
