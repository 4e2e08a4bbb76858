SELECT column_name, column_type, count, null_percentage FROM (SUMMARIZE usage) ORDER BY column_name;
