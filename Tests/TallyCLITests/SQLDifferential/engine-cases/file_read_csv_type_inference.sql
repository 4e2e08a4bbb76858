-- Column types as DuckDB's sniffer picks them: BOOLEAN, BIGINT, HUGEINT, DOUBLE, DATE, TIMESTAMP, VARCHAR; empty = NULL; all-empty = VARCHAR; 007 is text.
-- Fixture: types.csv = 'flag,n,big,x,day,at,name,empty,code\ntrue,1,99999999999999999999,1.5,2026-01-02,2026-01-02 03:04:05,a,,007\nF,-20,1,2,2026-02-03,2026-02-03T04:05:06.5,"b,c",,12\n,3,,1e3,,2026-03-04,,,\n'
DESCRIBE SELECT * FROM read_csv('$FIXTURES/types.csv')
