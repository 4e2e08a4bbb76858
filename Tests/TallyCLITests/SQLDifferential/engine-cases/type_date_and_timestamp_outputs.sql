SELECT min(date) AS d, max(ts) AS t, min(CAST(ts AS DATE)) AS d2 FROM usage;
