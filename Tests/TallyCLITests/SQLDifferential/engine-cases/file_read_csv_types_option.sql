-- types={...} overrides the sniffed type of named columns.
-- Fixture: codes.csv = 'code,amount\n1,2.50\n2,3.25\n'
SELECT code || '-x' AS c, amount FROM read_csv('$FIXTURES/codes.csv', types = {'code': 'VARCHAR', 'amount': 'DECIMAL(10,2)'}) ORDER BY 1
