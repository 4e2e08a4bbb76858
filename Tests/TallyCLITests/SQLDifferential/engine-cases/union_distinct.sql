SELECT service AS name FROM usage UNION SELECT unit FROM usage ORDER BY name;
