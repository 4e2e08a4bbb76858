SELECT DISTINCT service, unit FROM usage ORDER BY 1, 2;
