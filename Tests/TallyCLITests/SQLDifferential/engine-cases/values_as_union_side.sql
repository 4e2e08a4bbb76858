SELECT service FROM usage WHERE service = 'e2b' UNION SELECT * FROM (VALUES ('anthropic'), ('nowhere')) ORDER BY 1
