-- A filter on epoch milliseconds.
SELECT count(*) AS n FROM usage WHERE epoch_ms(ts) >= epoch_ms(TIMESTAMP '{last_date} 00:00:00');
