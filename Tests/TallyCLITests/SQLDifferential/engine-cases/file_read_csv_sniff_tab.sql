-- A tab-separated file, its delimiter sniffed.
-- Fixture: teams.tsv = 'user_id\tteam\tweight\nuser_03x3ld\talpha\t0.5\nuser_04t7f1\tbeta\t2\n'
SELECT * FROM read_csv('$FIXTURES/teams.tsv') ORDER BY user_id
