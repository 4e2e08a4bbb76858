-- read_csv_auto is read_csv.
-- Fixture: auto.csv = 'k,v\na,1\nb,2\n'
SELECT k, v * 2 AS v2 FROM read_csv_auto('$FIXTURES/auto.csv') ORDER BY k
