-- delim= (and sep=) name the delimiter.
-- Fixture: colon.csv = 'a:b\n1:2\n3:4\n'
SELECT x.a + y.b AS s FROM read_csv('$FIXTURES/colon.csv', delim = ':') x JOIN read_csv('$FIXTURES/colon.csv', sep = ':') y ON x.a = y.a ORDER BY s
