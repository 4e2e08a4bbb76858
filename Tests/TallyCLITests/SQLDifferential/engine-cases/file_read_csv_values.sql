-- The values of a sniffed file, NULLs where fields are empty, quotes and doubled quotes read.
-- Fixture: values.csv = 'flag,n,x,day,at,name\ntrue,1,1.5,2026-01-02,2026-01-02 03:04:05,a\nF,-20,2,2026-02-03,2026-02-03T04:05:06.5,"b,""c"""\n,3,1e3,,2026-03-04,\n'
SELECT * FROM read_csv('$FIXTURES/values.csv') ORDER BY n
