SELECT count(*) FROM (SELECT service FROM usage WHERE false UNION SELECT unit FROM usage WHERE false EXCEPT SELECT 'x');
