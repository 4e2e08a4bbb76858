SELECT count(*) FROM usage WHERE date = DATE '2026-02-29'
