SELECT step_type, persona_id, count(*) FROM usage GROUP BY 1, 2 ORDER BY ALL DESC;
