SELECT * FROM usage
