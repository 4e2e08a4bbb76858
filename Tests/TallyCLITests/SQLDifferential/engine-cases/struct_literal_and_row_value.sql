SELECT {'a': 1.5, 'b': 'x', 'c': NULL} AS s, (1, 'y') AS r, typeof({'a': 1}) AS t
