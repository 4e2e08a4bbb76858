-- A quoted field may hold the delimiter, a doubled quote and a line break; CRLF rows.
-- Fixture: quoted.csv = 'id,note\r\n1,"a, ""b""\r\nc"\r\n2,plain\r\n'
SELECT id, length(note) AS len, note LIKE '%"b"%' AS has_b FROM read_csv('$FIXTURES/quoted.csv') ORDER BY id
