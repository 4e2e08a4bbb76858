SELECT count(*) FROM usage; SELECT 1 FROM usage;
