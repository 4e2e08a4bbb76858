-- The most expensive rows of one service, whole.
SELECT * FROM usage WHERE service = 'anthropic' ORDER BY cost_usd DESC, ts, run_id, step_index, unit LIMIT 20;
