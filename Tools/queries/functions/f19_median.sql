-- median
SELECT median(duration_ms) AS m FROM usage;
