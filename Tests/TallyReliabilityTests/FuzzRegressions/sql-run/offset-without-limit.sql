SELECT user_id, count(*) FROM usage GROUP BY  1 OFFSET 2;
