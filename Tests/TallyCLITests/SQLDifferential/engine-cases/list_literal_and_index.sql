SELECT [1, 2, NULL] AS l, [1, 2, 3][2] AS second, [1, 2, 3][-1] AS last, [1, 2][5] AS missing, ['a', 'b'] AS texts, [1, 2.5] AS widened, typeof([1, 2]) AS t
