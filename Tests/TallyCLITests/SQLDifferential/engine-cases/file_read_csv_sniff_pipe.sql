-- A pipe-separated file, its delimiter sniffed.
-- Fixture: pipe.csv = 'a|b|c\n1|x|2026-01-01\n2|y|2026-01-02\n'
SELECT a, b, c FROM read_csv('$FIXTURES/pipe.csv') ORDER BY a
