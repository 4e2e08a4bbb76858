SELECT service FROM usage UNION SELECT unit FROM usage ORDER BY length(service) DESC, service LIMIT 4;
