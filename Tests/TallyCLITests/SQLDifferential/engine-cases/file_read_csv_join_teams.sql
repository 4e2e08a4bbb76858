-- An analyst's mapping file (users to teams) joined with usage: cost per team.
-- Fixture: teams.csv = 'user_id,team\nuser_03x3ld,alpha\nuser_04t7f1,alpha\nuser_0qpeot,beta\nuser_11gaw5,beta\nuser_1l6h34,gamma\nuser_5i0k6g,gamma\nuser_89i729,delta\n'
SELECT t.team, sum(u.cost_usd) AS cost, count(*) AS n FROM usage u JOIN read_csv('$FIXTURES/teams.csv') t ON u.user_id = t.user_id GROUP BY ALL ORDER BY t.team
