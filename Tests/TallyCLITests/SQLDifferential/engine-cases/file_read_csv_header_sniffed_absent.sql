-- Without header=, a first row that reads as the columns' types is data (DuckDB's header detection).
-- Fixture: numbers.csv = '1,10\n2,20\n3,30\n'
SELECT sum(column0) AS a, sum(column1) AS b, count(*) AS n FROM read_csv('$FIXTURES/numbers.csv')
