SELECT service, count(*) AS n FROM usage u GROUP BY service HAVING count(*) > (SELECT count(*) / 10 FROM usage x WHERE x.service <> u.service) ORDER BY service
