SELECT count(*) FROM usage WHERE unit LIKE '%\_tokens' ESCAPE '\';
