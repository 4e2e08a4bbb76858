-- logarithm
SELECT sum(ln(quantity + 1)) AS l FROM usage;
