SELECT ts, project_id, quantity, cost_usd FROM usage WHERE duration_ms > 1000000 ORDER BY ts, project_id, quantity, cost_usd;
