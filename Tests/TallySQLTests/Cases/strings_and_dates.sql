SELECT count(*) FROM usage WHERE persona_id = 'o''brien' AND date >= DATE '2026-01-31' AND ts < TIMESTAMP '2026-02-01T08:30:00.250Z' AND run_id IS NULL
