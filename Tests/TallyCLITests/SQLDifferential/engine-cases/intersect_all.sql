SELECT unit, count(*) FROM (SELECT unit FROM usage WHERE service = 'anthropic' INTERSECT ALL SELECT unit FROM usage WHERE date <= (SELECT min(date) + 3 FROM usage)) GROUP BY unit ORDER BY unit;
