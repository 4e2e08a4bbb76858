SELECT count(*) FROM usage WHERE ends_with(unit, '_tokens');
