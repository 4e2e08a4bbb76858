SELECT lower(unit) IN ('input_tokens', 'output_tokens') AS io, count(*) FROM usage GROUP BY 1 ORDER BY 1;
