SELECT max(COLUMNS(['quantity', 'duration_ms', 'step_index'])), min(COLUMNS(['cost_usd', 'ts'])) FROM usage
