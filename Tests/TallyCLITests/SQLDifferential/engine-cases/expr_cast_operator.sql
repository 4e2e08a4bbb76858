SELECT quantity::INTEGER AS q, '2025-01-01'::DATE AS d, step_index::DOUBLE AS s, cost_usd::DECIMAL(10,2) AS c FROM usage ORDER BY ts, q, s, c LIMIT 5;
