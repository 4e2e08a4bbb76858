-- Users missing from the mapping file fall into a NULL team (LEFT JOIN), as DuckDB does.
-- Fixture: teams.csv = 'user_id,team\nuser_03x3ld,alpha\nuser_04t7f1,alpha\nuser_0qpeot,beta\nuser_11gaw5,beta\nuser_1l6h34,gamma\nuser_5i0k6g,gamma\nuser_89i729,delta\n'
SELECT coalesce(t.team, '(none)') AS team, count(DISTINCT u.user_id) AS users FROM usage u LEFT JOIN read_csv('$FIXTURES/teams.csv') t USING (user_id) GROUP BY ALL ORDER BY 1
