-- DESCRIBE of a side table: its columns and types.
DESCRIBE rates
