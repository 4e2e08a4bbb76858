SELECT service, count(*) FROM usage WHERE service <> 'anthropic' GROUP BY service ORDER BY service;
