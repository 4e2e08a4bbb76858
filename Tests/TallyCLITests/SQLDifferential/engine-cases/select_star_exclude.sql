SELECT * EXCLUDE (run_id, sandbox_id, chain_id, issue_session_id, user_id, persona_id) FROM usage ORDER BY ALL LIMIT 5;
