SELECT count(*) FROM usage WHERE quantity >= 1000 AND quantity < 5000;
