SELECT ts, quantity FROM usage ORDER BY ts DESC, quantity DESC LIMIT 3;
