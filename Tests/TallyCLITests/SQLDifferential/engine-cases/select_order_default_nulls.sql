SELECT persona_id, count(*) FROM usage GROUP BY 1 ORDER BY 1 DESC;
