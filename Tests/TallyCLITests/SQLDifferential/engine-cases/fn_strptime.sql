SELECT strptime('2025-03-09 02:30:00', '%Y-%m-%d %H:%M:%S') AS a, strptime('09/03/2025', '%d/%m/%Y') AS b, count(*) FROM usage;
