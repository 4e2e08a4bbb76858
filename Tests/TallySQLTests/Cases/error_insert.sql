INSERT INTO usage VALUES ('p', 0)
