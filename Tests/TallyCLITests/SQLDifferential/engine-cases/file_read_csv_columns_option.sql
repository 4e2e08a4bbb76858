-- columns={...} names and types every column.
-- Fixture: cols.csv = 'user_id,weight\nuser_03x3ld,007\nuser_04t7f1,2\n'
SELECT user_id, weight, weight + 1 AS w1 FROM read_csv('$FIXTURES/cols.csv', columns = {'user_id': 'VARCHAR', 'weight': 'BIGINT'}) ORDER BY 1
