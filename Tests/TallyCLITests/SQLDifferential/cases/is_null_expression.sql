SELECT chain_id IS NULL AS no_chain, count(*) FROM usage GROUP BY chain_id ORDER BY count(*) DESC LIMIT 1;
