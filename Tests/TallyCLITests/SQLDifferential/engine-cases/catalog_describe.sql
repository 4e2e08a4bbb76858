DESCRIBE usage;
