SELECT persona_id, count(*) FROM usage WHERE persona_id IS NOT NULL GROUP BY persona_id ORDER BY count(*) DESC, persona_id LIMIT 3;
