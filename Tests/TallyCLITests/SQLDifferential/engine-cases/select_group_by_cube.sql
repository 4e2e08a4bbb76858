SELECT service, persona_id, grouping(service) AS gs, grouping(persona_id) AS gp, count(*) FROM usage GROUP BY CUBE (service, persona_id) ORDER BY ALL;
