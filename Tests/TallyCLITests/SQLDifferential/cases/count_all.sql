SELECT count(*) FROM usage;
