SELECT min(project_id), max(model_id), min(ts), max(date), min(quantity), max(cost_usd), min(step_index), max(duration_ms) FROM usage;
