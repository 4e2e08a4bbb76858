-- The span between two instants is an INTERVAL.
SELECT (max(ts AT TIME ZONE 'UTC') - min(ts AT TIME ZONE 'UTC'))::VARCHAR AS span, (max(ts AT TIME ZONE 'UTC') - TIMESTAMP '2025-01-01 00:00:00')::VARCHAR AS since_new_year FROM usage;
