SELECT sandbox_id, sum(quantity) / 3600 AS hours FROM usage WHERE unit = 'sandbox_seconds' AND sandbox_id IS NOT NULL GROUP BY sandbox_id HAVING sum(quantity) > 60 ORDER BY 2 DESC
