-- FROM 'file.csv' reads the file (DuckDB's replacement scan), its relation named after the file.
-- Fixture: teams.csv = 'user_id,team\nuser_03x3ld,alpha\nuser_04t7f1,alpha\nuser_0qpeot,beta\nuser_11gaw5,beta\nuser_1l6h34,gamma\nuser_5i0k6g,gamma\nuser_89i729,delta\n'
SELECT teams.team, count(*) AS users FROM '$FIXTURES/teams.csv' GROUP BY ALL ORDER BY 1
